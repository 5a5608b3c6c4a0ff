package dev.replay4j.proxy;

import java.util.Locale;

/** The API a path belongs to: it picks the upstream, the error shape and the stream format. */
public enum ApiFamily {
    ANTHROPIC,
    OPENAI,
    OLLAMA,
    OTHER;

    public static ApiFamily ofPath(String path) {
        if (path.startsWith("/v1/messages")) {
            return ANTHROPIC;
        }
        if (path.startsWith("/api/")) {
            return OLLAMA;
        }
        if (path.startsWith("/v1/") || path.equals("/v1")) {
            return OPENAI;
        }
        return OTHER;
    }

    public static ApiFamily fromName(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        for (ApiFamily f : values()) {
            if (f != OTHER && f.name().equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown API family '" + name + "': use openai, ollama or anthropic");
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

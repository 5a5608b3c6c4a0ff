package dev.replay4j.proxy;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

/**
 * The upstream base URLs: one for everything, and any per API family ({@code openai=} for
 * {@code /v1/...}, {@code ollama=} for {@code /api/...}, {@code anthropic=} for {@code /v1/messages}).
 */
public final class Upstreams {
    private String fallback;
    private final Map<ApiFamily, String> byFamily = new EnumMap<>(ApiFamily.class);

    /** Parses {@code URL} or {@code FAMILY=URL}, as {@code --upstream} takes it. */
    public Upstreams add(String spec) {
        int eq = spec.indexOf('=');
        if (eq > 0 && !spec.substring(0, eq).contains(":")) {
            return add(ApiFamily.fromName(spec.substring(0, eq)), spec.substring(eq + 1));
        }
        fallback = checked(spec);
        return this;
    }

    public Upstreams add(ApiFamily family, String url) {
        byFamily.put(family, checked(url));
        return this;
    }

    void addAll(Upstreams other) {
        fallback = other.fallback;
        byFamily.putAll(other.byFamily);
    }

    /** The base URL for a client path, or {@code null} when none is configured for it. */
    public String forPath(String path) {
        ApiFamily family = ApiFamily.ofPath(path);
        String url = byFamily.get(family);
        if (url == null && family == ApiFamily.ANTHROPIC) {
            url = byFamily.get(ApiFamily.OPENAI);
        }
        return url != null ? url : fallback;
    }

    public boolean isEmpty() {
        return fallback == null && byFamily.isEmpty();
    }

    private static String checked(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("upstream '" + url + "' is not a URL: " + e.getMessage());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("upstream '" + url + "' must be an http:// or https:// URL with a host");
        }
        String s = url.trim();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (fallback != null) {
            out.append(Secrets.recordableUrl(fallback));
        }
        byFamily.forEach((f, u) -> out.append(out.length() > 0 ? ", " : "").append(f.cliName()).append('=')
                .append(Secrets.recordableUrl(u)));
        return out.length() == 0 ? "none" : out.toString();
    }
}

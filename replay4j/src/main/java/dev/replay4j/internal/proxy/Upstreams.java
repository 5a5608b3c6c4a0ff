// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import dev.replay4j.ApiFamily;
import dev.replay4j.internal.api.Endpoints;
import java.net.URI;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The upstream base URLs: one for everything, and any per API family ({@code openai=} for
 * {@code /v1/...}, {@code ollama=} for {@code /api/...}, {@code anthropic=} for {@code /v1/messages}, {@code gemini=}
 * for Gemini's paths, {@code bedrock=} for {@code /model/...}; a model list goes by the family its headers tell).
 */
public final class Upstreams {
    /** No upstream at all: what replay needs. */
    public static final Upstreams NONE = new Upstreams(null, Map.of());

    private final String fallback;
    private final Map<ApiFamily, String> byFamily;

    private Upstreams(String fallback, Map<ApiFamily, String> byFamily) {
        this.fallback = fallback;
        this.byFamily = byFamily;
    }

    /** These upstreams and {@code URL} or {@code FAMILY=URL}, as {@code --upstream} takes it; a later one wins. */
    public Upstreams with(String spec) {
        int eq = spec.indexOf('=');
        if (eq > 0 && !spec.substring(0, eq).contains(":")) {
            return with(ApiFamily.fromName(spec.substring(0, eq)), spec.substring(eq + 1));
        }
        return new Upstreams(checked(spec), byFamily);
    }

    /** A spec as {@link #with(String)} takes it, as it may be shown: its URL without credentials. */
    public static String shown(String spec) {
        int eq = spec.indexOf('=');
        boolean family = eq > 0 && !spec.substring(0, eq).contains(":");
        return family ? spec.substring(0, eq + 1) + Secrets.recordableUrl(spec.substring(eq + 1)) : Secrets.recordableUrl(spec);
    }

    public Upstreams with(ApiFamily family, String url) {
        Map<ApiFamily, String> families = new EnumMap<>(ApiFamily.class);
        families.putAll(byFamily);
        families.put(family, checked(url));
        return new Upstreams(fallback, Collections.unmodifiableMap(families));
    }

    /** The base URL for a client path, or {@code null} when none is configured for it. */
    public String forPath(String path) {
        return forFamily(Endpoints.familyOf(path));
    }

    /** The base URL for a request of this family, or {@code null} when none is configured for it. */
    public String forFamily(ApiFamily family) {
        String url = byFamily.get(family);
        if (url == null && family == ApiFamily.ANTHROPIC) {
            url = byFamily.get(ApiFamily.OPENAI);
        }
        return url != null ? url : fallback;
    }

    /**
     * The base URL for a request: the one configured for its path, else the one the request names
     * ({@code null}: neither). A configured upstream always wins.
     *
     * @throws IllegalArgumentException when the named one is needed and is no base URL
     */
    public String forRequest(ApiFamily family, String requested) {
        String url = forFamily(family);
        return url != null || requested == null ? url : checked(requested);
    }

    /** Checks an upstream a request names, before it is used: the message says what is wrong with it. */
    static void checkRequested(String requested) {
        if (requested != null) {
            checked(requested);
        }
    }

    public boolean isEmpty() {
        return fallback == null && byFamily.isEmpty();
    }

    private static String checked(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("upstream '" + Secrets.recordableUrl(url) + "' is not a URL: "
                    + Secrets.printable(Secrets.recordableUrl(e.getMessage())));
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("upstream '" + Secrets.recordableUrl(url) + "' must be an http:// or https:// URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            // The JDK client would not send it, so it could only leak (into logs and errors), never authenticate.
            throw new IllegalArgumentException("upstream '" + Secrets.recordableUrl(url) + "' holds a user name and password,"
                    + " which replay4j does not send: leave them out of the URL and let the client send its credentials"
                    + " (an Authorization header passes upstream and is never written)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("upstream '" + Secrets.recordableUrl(url) + "' must be a base URL, without a query"
                    + " or fragment: the client's own query is appended to each request");
        }
        String s = url.trim();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Upstreams && Objects.equals(fallback, ((Upstreams) o).fallback)
                && byFamily.equals(((Upstreams) o).byFamily);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fallback, byFamily);
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

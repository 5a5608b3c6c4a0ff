// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.key;

import dev.replay4j.internal.api.Endpoints;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The part of a URL's query that joins the endpoint in a key: the parameters {@link Endpoints#isKeyedQueryParameter}
 * names for the URL's path, as sent (not decoded), sorted by name (a repeated name keeps its order), as {@code ?a=1&b=2}; empty when
 * there are none, so that a request without them keeps the key it had before the query was keyed.
 */
public final class KeyedQuery {
    private KeyedQuery() {
    }

    /** {@code ?name=value&...} of the keyed parameters of a URL or path, or {@code ""}. */
    public static String of(String urlOrPath) {
        return of(UrlParts.of(urlOrPath).path(), urlOrPath);
    }

    /** {@link #of(String)}, for a query sent to {@code path} (the hashed path, which decides what is keyed). */
    public static String of(String path, String urlOrQuery) {
        int q = urlOrQuery.indexOf('?');
        if (q < 0) {
            return "";
        }
        int hash = urlOrQuery.indexOf('#', q);
        String query = urlOrQuery.substring(q + 1, hash < 0 ? urlOrQuery.length() : hash);
        List<String> keyed = new ArrayList<>();
        for (String p : query.split("&")) {
            int eq = p.indexOf('=');
            if (Endpoints.isKeyedQueryParameter(path, eq < 0 ? p : p.substring(0, eq))) {
                keyed.add(p);
            }
        }
        if (keyed.isEmpty()) {
            return "";
        }
        keyed.sort(Comparator.comparing(p -> p.indexOf('=') < 0 ? p : p.substring(0, p.indexOf('='))));
        return "?" + String.join("&", keyed);
    }

    /** True when a URL or path has a keyed parameter, so that a lookup also tries its key without them. */
    public static boolean hasKeyed(String urlOrPath) {
        return !of(urlOrPath).isEmpty();
    }

    /** The URL or path without its query and fragment. */
    public static String withoutQuery(String urlOrPath) {
        int q = urlOrPath.indexOf('?');
        int hash = urlOrPath.indexOf('#');
        int end = q < 0 ? hash : hash < 0 ? q : Math.min(q, hash);
        return end < 0 ? urlOrPath : urlOrPath.substring(0, end);
    }
}

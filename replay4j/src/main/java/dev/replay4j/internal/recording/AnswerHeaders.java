// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.recording;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.internal.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer headers a recording keeps: an explicit allow-list, so that nothing else an upstream sends (a
 * {@code Set-Cookie}, a request id) ever reaches a file. The rate-limit headers change on every call, so they
 * are kept on error answers only (where a client's retry depends on them); {@code Content-Type} only where it is
 * not the default of the body's kind, so that a JSON answer's file is what it always was.
 */
public final class AnswerHeaders {
    /** The content type a replay gives each kind of body when its recording names none. */
    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String BYTES = "application/octet-stream";

    private AnswerHeaders() {
    }

    /** True for a header kept on an answer of this status (not counting {@code Content-Type}). */
    public static boolean kept(String name, int status) {
        String h = name.toLowerCase(Locale.ROOT);
        return status >= 400 && (h.equals("retry-after") || h.equals("retry-after-ms") || h.startsWith("x-ratelimit-")
                || h.startsWith("anthropic-ratelimit-"));
    }

    /**
     * The headers kept of an answer, lower-case names sorted, a repeated header joined by {@code ", "}, with its content
     * type when that is not {@code defaultType} (compared by media type: {@code application/json; charset=utf-8} is JSON).
     *
     * @param defaultType {@code null}: the content type is never kept
     */
    public static ObjectNode of(Map<String, List<String>> headers, int status, String defaultType) {
        Map<String, String> kept = new TreeMap<>();
        headers.forEach((name, values) -> {
            String h = name.toLowerCase(Locale.ROOT);
            if (kept(h, status)) {
                kept.merge(h, String.join(", ", values), (a, b) -> a + ", " + b);
            } else if (h.equals("content-type") && defaultType != null && !values.isEmpty()
                    && !mediaType(values.get(0)).equals(mediaType(defaultType))) {
                kept.put(h, values.get(0));
            }
        });
        ObjectNode out = Json.object();
        kept.forEach(out::put);
        return out;
    }

    /** {@code text/plain} of {@code Text/Plain; charset=utf-8}. */
    public static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** True for a content type whose body is text: {@code text/*}, JSON, XML, forms, or none. */
    public static boolean isTextual(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String m = mediaType(contentType);
        return m.startsWith("text/") || m.endsWith("json") || m.endsWith("+json") || m.endsWith("xml")
                || m.equals("application/x-www-form-urlencoded") || m.equals("application/x-ndjson");
    }
}

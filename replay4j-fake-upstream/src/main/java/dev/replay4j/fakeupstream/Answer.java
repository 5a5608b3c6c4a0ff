// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A whole response. A stream ({@code text/event-stream} or {@code application/x-ndjson}) is sent chunked, one
 * event or line at a time, as the APIs send it, so that a test can hold it after its first chunk.
 */
record Answer(int status, String contentType, String body, byte[] bytes, Map<String, String> headers) {
    Answer(int status, String contentType, String body) {
        this(status, contentType, body, null, Map.of());
    }

    /** An answer of bytes, such as the audio of {@code /v1/audio/speech}. */
    static Answer bytes(String contentType, byte[] bytes) {
        return new Answer(200, contentType, "", bytes, Map.of());
    }

    Answer withHeaders(Map<String, String> more) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.putAll(more);
        return new Answer(status, contentType, body, bytes, all);
    }

    /** The body's bytes as sent. */
    byte[] wire() {
        return bytes != null ? bytes : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static Answer json(Object value) {
        return new Answer(200, "application/json", Conversation.write(value));
    }

    static Answer json(int status, Object value) {
        return new Answer(status, "application/json", Conversation.write(value));
    }

    boolean isStream() {
        return contentType != null && (contentType.startsWith("text/event-stream") || contentType.startsWith("application/x-ndjson"));
    }

    /** The pieces a stream is written in: SSE events (each with its blank line), or NDJSON lines. */
    List<String> chunks() {
        String end = contentType.startsWith("text/event-stream") ? "\n\n" : "\n";
        List<String> chunks = new ArrayList<>();
        int from = 0;
        for (int i = body.indexOf(end); i >= 0; i = body.indexOf(end, from)) {
            chunks.add(body.substring(from, i + end.length()));
            from = i + end.length();
        }
        if (from < body.length()) {
            chunks.add(body.substring(from));
        }
        return chunks;
    }
}

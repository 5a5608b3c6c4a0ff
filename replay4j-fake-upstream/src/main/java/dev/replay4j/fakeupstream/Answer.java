// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole response. A stream ({@code text/event-stream}, {@code application/x-ndjson}, or binary frames such as
 * Bedrock's {@code application/vnd.amazon.eventstream}) is sent chunked, one event, line or frame at a time, as the
 * APIs send it, so that a test can hold it after its first chunk. Gemini's JSON-array stream is sent in pieces too.
 */
record Answer(int status, String contentType, String body, byte[] bytes, Map<String, String> headers, List<byte[]> frames,
              List<String> pieces) {
    Answer(int status, String contentType, String body) {
        this(status, contentType, body, null, Map.of(), null, null);
    }

    /** An answer of bytes, such as the audio of {@code /v1/audio/speech}. */
    static Answer bytes(String contentType, byte[] bytes) {
        return new Answer(200, contentType, "", bytes, Map.of(), null, null);
    }

    Answer withHeaders(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new Answer(status, contentType, body, bytes, all, frames, pieces);
    }

    /** The body's bytes as sent. */
    byte[] wire() {
        return bytes != null ? bytes : body.getBytes(StandardCharsets.UTF_8);
    }

    static Answer json(Object value) {
        return new Answer(200, "application/json", Conversation.write(value));
    }

    static Answer json(int status, Object value) {
        return new Answer(status, "application/json", Conversation.write(value));
    }

    /** Binary frames, written one at a time. */
    static Answer frames(String contentType, List<byte[]> frames) {
        return new Answer(200, contentType, "", null, Map.of(), List.copyOf(frames), null);
    }

    /** A body written in these pieces, each flushed, such as the elements of a JSON array as Gemini streams them. */
    static Answer pieces(String contentType, List<String> pieces) {
        return new Answer(200, contentType, String.join("", pieces), null, Map.of(), null, List.copyOf(pieces));
    }

    boolean isStream() {
        return frames != null || pieces != null || contentType != null && (contentType.startsWith("text/event-stream")
                || contentType.startsWith("application/x-ndjson"));
    }

    /** The pieces a text stream is written in: SSE events (each with its blank line), or NDJSON lines. */
    List<String> chunks() {
        if (pieces != null) {
            return pieces;
        }
        String end = contentType.startsWith("text/event-stream") ? (body.contains("\r\n\r\n") ? "\r\n\r\n" : "\n\n") : "\n";
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

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.JsonFormatException;
import dev.replay4j.internal.recording.EventFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a streamed answer travels: OpenAI's server-sent events, Ollama's one JSON object per line, or AWS's binary
 * event-stream frames (Bedrock), which {@link EventStreamTee} passes and {@link Answers} encodes, frame by frame.
 */
enum StreamFormat {
    SSE("text/event-stream"),
    NDJSON("application/x-ndjson"),
    EVENT_STREAM("application/vnd.amazon.eventstream");

    private static final String DONE = "[DONE]";
    /** Named events that end a stream: Anthropic's messages, OpenAI's Responses API. */
    private static final Set<String> TERMINAL_EVENTS = Set.of("message_stop", "response.completed", "response.failed",
            "response.incomplete", "error");

    private final String contentType;

    StreamFormat(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /** The format of an upstream response, from its content type, or {@code null} when it is not a stream. */
    static StreamFormat ofContentType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String ct = contentType.toLowerCase(Locale.ROOT);
        if (ct.startsWith("text/event-stream")) {
            return SSE;
        }
        if (ct.startsWith("application/vnd.amazon.eventstream")) {
            return EVENT_STREAM;
        }
        if (ct.startsWith("application/x-ndjson") || ct.startsWith("application/jsonl") || ct.startsWith("application/json-seq")) {
            return NDJSON;
        }
        return null;
    }

    byte[] encode(JsonNode chunk) {
        if (this == EVENT_STREAM) {
            return EventFrame.fromJson(chunk).encode();
        }
        String json = Json.write(chunk);
        return (this == SSE ? "data: " + json + "\n\n" : json + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** What closes a stream: {@code data: [DONE]} for SSE, nothing for NDJSON. */
    byte[] end() {
        return this == SSE ? ("data: " + DONE + "\n\n").getBytes(StandardCharsets.UTF_8) : new byte[0];
    }

    /**
     * True for the line that tells a client the answer is complete. The proxy holds it back until the
     * recording is on disk, so that a client that stops reading there finds the file.
     */
    boolean isTerminal(String line) {
        if (this == SSE) {
            if (line.startsWith("event:")) {
                return TERMINAL_EVENTS.contains(line.substring(6).trim());
            }
            return line.startsWith("data:") && line.substring(5).trim().equals(DONE);
        }
        if (!line.contains("\"done\"")) {
            return false;
        }
        try {
            // Parsed, not matched: an answer's text may itself say "done": true.
            return Json.parse(line).path("done").asBoolean(false);
        } catch (JsonFormatException e) {
            return false;
        }
    }

    /** The indexes of the lines that {@link #chunks} makes chunks of, in order. */
    List<Integer> chunkLines(List<String> lines) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || this == SSE && line.substring(line.startsWith("data: ") ? 6 : 5).trim().equals(DONE)) {
                continue;
            }
            out.add(i);
        }
        return out;
    }

    /**
     * The JSON chunks of a recorded stream, or {@code null} when the lines are not all plain JSON chunks
     * (named SSE events, comments, non-JSON data), in which case the raw lines are kept.
     */
    List<JsonNode> chunks(List<String> lines) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String payload = line;
            if (this == SSE) {
                if (!line.startsWith("data:")) {
                    return null;
                }
                payload = line.substring(line.startsWith("data: ") ? 6 : 5);
                if (payload.trim().equals(DONE)) {
                    continue;
                }
            }
            try {
                out.add(Json.parse(payload));
            } catch (JsonFormatException e) {
                return null;
            }
        }
        return out;
    }
}

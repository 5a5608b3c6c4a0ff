package dev.replay4j.internal.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.ApiFamily;
import dev.replay4j.internal.api.Endpoints;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.recording.ApiTypes;
import dev.replay4j.internal.recording.RecordedResponse;
import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.recording.ResponseBodies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The bytes a recording is replayed as: the status, content type and body the API sent. */
final class Answers {
    private Answers() {
    }

    static AnswerCache.Answer of(Recording recording, String name) throws IOException {
        RecordedResponse response = recording.response();
        String endpoint = recording.request().endpoint();
        if (response.isError()) {
            return new AnswerCache.Answer(response.status(), "application/json",
                    ApiErrors.recorded(response.exceptionData().get("body")), name);
        }
        if (response.streaming() && response.body().isArray()) {
            return stream(endpoint, response.body(), name);
        }
        JsonNode wire = ResponseBodies.wire(endpoint, response.body());
        if (wire.isTextual()) {
            return new AnswerCache.Answer(200, "text/plain; charset=utf-8", wire.textValue().getBytes(StandardCharsets.UTF_8), name);
        }
        return new AnswerCache.Answer(200, "application/json", Json.writeBytes(wire), name);
    }

    private static AnswerCache.Answer stream(String endpoint, JsonNode chunks, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        String contentType;
        if (ResponseBodies.isRawLines(chunks)) {
            boolean sse = false;
            for (JsonNode line : chunks) {
                String text = line.asText();
                sse |= text.startsWith("data:") || text.startsWith("event:");
                out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            }
            contentType = sse ? StreamFormat.SSE.contentType() : StreamFormat.NDJSON.contentType();
        } else {
            StreamFormat format = formatOf(chunks, endpoint);
            for (JsonNode chunk : chunks) {
                out.write(format.encode(ApiTypes.unwrap(chunk)));
            }
            out.write(format.end());
            contentType = format.contentType();
        }
        return new AnswerCache.Answer(200, contentType, out.toByteArray(), name);
    }

    private static StreamFormat formatOf(JsonNode chunks, String endpoint) {
        JsonNode type = chunks.size() > 0 ? chunks.get(0).get(ApiTypes.TYPE) : null;
        if (type != null && type.isTextual()) {
            return type.textValue().startsWith("ollama.") ? StreamFormat.NDJSON : StreamFormat.SSE;
        }
        return Endpoints.familyOf(endpoint) == ApiFamily.OLLAMA ? StreamFormat.NDJSON : StreamFormat.SSE;
    }
}

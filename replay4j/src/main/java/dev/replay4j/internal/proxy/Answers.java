// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.ApiFamily;
import dev.replay4j.internal.api.Endpoints;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.recording.AnswerHeaders;
import dev.replay4j.internal.recording.ApiTypes;
import dev.replay4j.internal.recording.RecordedResponse;
import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.recording.ResponseBodies;
import dev.replay4j.internal.recording.ResponseTiming;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The bytes a recording is replayed as: the status, content type and body the API sent. */
final class Answers {
    private Answers() {
    }

    static AnswerCache.Answer of(Recording recording, String name) throws IOException {
        RecordedResponse response = recording.response();
        String endpoint = recording.request().endpoint();
        ResponseTiming timing = response.timing();
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        String recordedType = headers.remove("content-type");
        int status = response.status();
        if (response.isError()) {
            return new AnswerCache.Answer(status, "application/json",
                    ApiErrors.recorded(response.exceptionData().get("body")), name, null, timing, headers);
        }
        JsonNode body = response.base64() ? null : response.body(); // a copy of the tree each time: taken once
        if (response.streaming() && body != null && body.isArray()) {
            AnswerCache.Answer s = stream(endpoint, body, name, timing);
            return new AnswerCache.Answer(status, s.contentType(), s.body(), name, s.eventEnds(), timing, headers);
        }
        if (response.base64()) {
            byte[] bytes = response.decodedBytes();
            return new AnswerCache.Answer(status, recordedType != null ? recordedType : AnswerHeaders.BYTES, bytes, name, null,
                    timing, headers);
        }
        JsonNode wire = ResponseBodies.wire(endpoint, body);
        if (wire.isTextual()) {
            byte[] text = wire.textValue().getBytes(StandardCharsets.UTF_8);
            String type = recordedType != null ? recordedType : text.length == 0 && status != 200 ? null : AnswerHeaders.TEXT;
            return new AnswerCache.Answer(status, type, text, name, null, timing, headers);
        }
        return new AnswerCache.Answer(status, recordedType != null ? recordedType : AnswerHeaders.JSON, Json.writeBytes(wire), name,
                null, timing, headers);
    }

    private static AnswerCache.Answer stream(String endpoint, JsonNode chunks, String name, ResponseTiming timing) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        int[] ends = new int[chunks.size()];
        int i = 0;
        String contentType;
        if (Endpoints.isEventStream(endpoint) && !ResponseBodies.isRawLines(chunks)) {
            for (JsonNode frame : chunks) {
                out.write(StreamFormat.EVENT_STREAM.encode(frame));
                ends[i++] = out.size();
            }
            contentType = StreamFormat.EVENT_STREAM.contentType();
        } else if (ResponseBodies.isRawLines(chunks)) {
            boolean sse = false;
            for (JsonNode line : chunks) {
                String text = line.asText();
                sse |= text.startsWith("data:") || text.startsWith("event:");
                out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
                ends[i++] = out.size();
            }
            contentType = sse ? StreamFormat.SSE.contentType() : StreamFormat.NDJSON.contentType();
        } else {
            StreamFormat format = formatOf(chunks, endpoint);
            for (JsonNode chunk : chunks) {
                out.write(format.encode(ApiTypes.unwrap(chunk)));
                ends[i++] = out.size();
            }
            out.write(format.end());
            contentType = format.contentType();
        }
        return new AnswerCache.Answer(200, contentType, out.toByteArray(), name, ends, timing);
    }

    private static StreamFormat formatOf(JsonNode chunks, String endpoint) {
        JsonNode type = chunks.size() > 0 ? chunks.get(0).get(ApiTypes.TYPE) : null;
        if (type != null && type.isTextual()) {
            return type.textValue().startsWith("ollama.") ? StreamFormat.NDJSON : StreamFormat.SSE;
        }
        return Endpoints.familyOf(endpoint) == ApiFamily.OLLAMA ? StreamFormat.NDJSON : StreamFormat.SSE;
    }
}

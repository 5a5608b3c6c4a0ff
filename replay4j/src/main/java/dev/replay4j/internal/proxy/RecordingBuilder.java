// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.internal.recording.EventFrame;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.replay4j.internal.api.Endpoints;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.JsonFormatException;
import dev.replay4j.internal.key.KeyVersion;
import dev.replay4j.internal.key.MultipartForm;
import dev.replay4j.internal.key.RequestKey;
import dev.replay4j.internal.recording.AnswerHeaders;
import dev.replay4j.internal.recording.RecordedRequest;
import dev.replay4j.internal.recording.RecordedResponse;
import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.recording.ResponseBodies;
import java.nio.charset.StandardCharsets;
import dev.replay4j.internal.recording.ResponseTiming;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns an exchange with the upstream into a {@link Recording}: the request without its credentials, and
 * the answer in the stored form (typed, with ids and timestamps normalised by the key).
 */
final class RecordingBuilder {
    private final Secrets secrets;

    RecordingBuilder(Secrets secrets) {
        this.secrets = secrets;
    }

    /** A whole answer: an error for a status of 400 or more, else the body as JSON, or as text when it is not JSON. */
    Recording whole(Call call, String url, int status, byte[] bytes) {
        return whole(call, url, status, bytes, -1, Map.of());
    }

    /**
     * A whole answer with the upstream's headers: an error for a status of 400 or more, else the body as JSON when it
     * parses, as text when its type is textual and it is UTF-8, else as bytes; the status when it is not 200, and the
     * headers {@link AnswerHeaders} keeps.
     */
    Recording whole(Call call, String url, int status, byte[] bytes, long firstByteMs, Map<String, List<String>> answerHeaders) {
        String contentType = answerHeaders.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("content-type"))
                .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        RecordedResponse response;
        if (status >= 400) {
            response = error(status, bytes).withHeaders(AnswerHeaders.of(answerHeaders, status, null));
        } else {
            JsonNode parsed = parseOrNull(bytes);
            String defaultType;
            if (parsed != null) {
                response = RecordedResponse.of(ResponseBodies.stored(call.path(), parsed, key(call, url).shortHex()), false);
                defaultType = AnswerHeaders.JSON;
            } else if (AnswerHeaders.isTextual(contentType) && isUtf8(bytes)) {
                response = RecordedResponse.of(TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8)), false);
                defaultType = bytes.length == 0 ? null : AnswerHeaders.TEXT;
            } else {
                response = RecordedResponse.bytes(bytes);
                defaultType = AnswerHeaders.BYTES;
            }
            response = response.withStatus(status).withHeaders(AnswerHeaders.of(answerHeaders, status, defaultType));
        }
        if (firstByteMs >= 0) {
            response = response.withTiming(new ResponseTiming(firstByteMs, List.of()));
        }
        return recording(call, url, response);
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** A stream: its chunks where the endpoint has a chunk type, else its lines as they came. */
    Recording stream(Call call, String url, StreamFormat format, List<String> lines) {
        return stream(call, url, format, lines, -1, null);
    }

    /**
     * A stream with its timing: {@code firstByteMs} and one offset per line, from the request, in milliseconds
     * ({@code -1} and {@code null}: not timed). The offsets kept are those of the lines stored.
     */
    Recording stream(Call call, String url, StreamFormat format, List<String> lines, long firstByteMs, List<Long> lineOffsets) {
        List<JsonNode> chunks = Endpoints.chunkType(call.path()) != null ? format.chunks(lines) : null;
        JsonNode body = chunks != null ? ResponseBodies.storedChunks(call.path(), chunks, key(call, url).shortHex())
                : ResponseBodies.storedLines(lines);
        RecordedResponse response = RecordedResponse.of(body, true);
        if (firstByteMs >= 0 && lineOffsets != null && lineOffsets.size() == lines.size()) {
            List<Long> offsets = new ArrayList<>();
            if (chunks != null) {
                format.chunkLines(lines).forEach(i -> offsets.add(lineOffsets.get(i)));
            } else {
                offsets.addAll(lineOffsets);
            }
            if (offsets.size() == body.size()) {
                response = response.withTiming(new ResponseTiming(firstByteMs, offsets));
            }
        }
        return recording(call, url, response);
    }

    /** An AWS event stream: its frames, each as {@link EventFrame#toJson}, with one offset per frame when timed. */
    Recording frames(Call call, String url, List<EventFrame> frames, long firstByteMs, List<Long> frameOffsets) {
        ArrayNode body = Json.nodes().arrayNode();
        frames.forEach(f -> body.add(f.toJson()));
        RecordedResponse response = RecordedResponse.of(body, true);
        if (firstByteMs >= 0 && frameOffsets != null && frameOffsets.size() == frames.size()) {
            response = response.withTiming(new ResponseTiming(firstByteMs, frameOffsets));
        }
        return recording(call, url, response);
    }

    /** {@link #whole}, with the milliseconds from the request to the answer's first byte ({@code -1}: not timed). */
    Recording whole(Call call, String url, int status, byte[] bytes, long firstByteMs) {
        return whole(call, url, status, bytes, firstByteMs, Map.of());
    }

    /** The form llama-stack's recorder gives an SDK's exception: its status, the API's error body, and its message. */
    private static RecordedResponse error(int status, byte[] bytes) {
        JsonNode parsed = parseOrNull(bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);
        JsonNode body = parsed == null ? TextNode.valueOf(text)
                : parsed.isObject() && parsed.has("error") ? parsed.get("error") : parsed;
        String message = "Error code: " + status + " - " + (parsed != null ? Json.write(parsed) : text);
        ObjectNode data = Json.object();
        data.put("status_code", status);
        data.set("body", body);
        data.put("message", message);
        return RecordedResponse.error(data, message);
    }

    private Recording recording(Call call, String url, RecordedResponse response) {
        ObjectNode headers = Json.object();
        new TreeMap<>(call.headers()).forEach((name, values) -> {
            if (secrets.isRecordable(name)) {
                String value = String.join(", ", values);
                if (name.equalsIgnoreCase("content-type") && MultipartForm.isMultipart(value)) {
                    value = value.split(";", 2)[0].trim(); // the boundary is random: it would change every re-recording
                }
                headers.put(name.toLowerCase(Locale.ROOT), value);
            }
        });
        // The key hashes only the URL's path, so a credential in its user info or query can go without changing it.
        RecordedRequest request = new RecordedRequest(call.method(), Secrets.recordableUrl(url), headers, call.json(), call.path(),
                RecordedRequest.modelOf(call.json()));
        return new Recording(call.testId(), request, response);
    }

    private static RequestKey key(Call call, String url) {
        return RequestKey.compute(call.method(), url, call.json(), call.testId(), KeyVersion.V2);
    }

    private static JsonNode parseOrNull(byte[] bytes) {
        try {
            return RequestReader.isBlank(bytes) ? null : Json.parse(bytes);
        } catch (JsonFormatException e) {
            return null;
        }
    }
}

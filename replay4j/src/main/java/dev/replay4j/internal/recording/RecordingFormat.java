// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.replay4j.internal.json.AsciiSink;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.JsonFormatException;
import dev.replay4j.internal.json.PythonJson;
import dev.replay4j.internal.key.Sha256;
import dev.replay4j.internal.key.UrlParts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes recording files. Reading is lenient, as the spec asks (unknown fields ignored,
 * {@code test_id} optional, {@code id_normalization_mapping} applied); writing is exact: the bytes
 * of Python's {@code json.dumps(obj, indent=2)} and a newline.
 */
public final class RecordingFormat {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordingFormat() {
    }

    /**
     * Parses a recording file.
     *
     * @param source names the file in error messages
     */
    public static Recording read(byte[] content, String source) throws RecordingFormatException {
        return fromJson(parseObject(content, source), source);
    }

    /**
     * Parses a recording file for its answer alone: the request's body is read past, not built ({@code null} in the
     * result), since replaying needs only the answer and the endpoint; for a vision request that body is a 30 MB
     * image. Anything else is as {@link #read}.
     */
    public static Recording readAnswer(byte[] content, String source) throws RecordingFormatException {
        return fromJson(parseObject(content, source, "request", "body"), source);
    }

    /**
     * What a comparison of requests needs of a recording: its request alone, parsed with strings cut to
     * {@code maxStringChars}; the answer, most of a recording's bytes (a stream's every chunk), is not read when it
     * comes after the request, as it does in every file replay4j and llama-stack write.
     *
     * @param body the request body's tree, freshly parsed: the caller's own
     */
    public record RequestPart(String testId, String method, String endpoint, JsonNode body) {
    }

    private static final Set<String> REQUEST_PART = Set.of("test_id", "request");

    /**
     * {@link RequestPart} of a recording file. What it reads gives the errors {@link #read} gives; what follows the
     * request is not checked (a comparison passes over nothing that {@link #read} would then refuse by name).
     */
    public static RequestPart readRequest(byte[] content, String source, int maxStringChars) throws RecordingFormatException {
        ObjectNode root;
        try {
            root = Json.parseFields(content, maxStringChars, REQUEST_PART);
        } catch (JsonFormatException e) {
            throw new RecordingFormatException(source + ": not valid JSON: " + e.getMessage());
        }
        if (!isHttpRecording(root)) {
            throw new RecordingFormatException(source
                    + ": not an HTTP recording (it has no request.method, request.url and request.body)");
        }
        JsonNode req = root.get("request");
        String endpoint = req.hasNonNull("endpoint") ? text(req, "endpoint", source) : UrlParts.of(text(req, "url", source)).path();
        JsonNode testId = root.get("test_id");
        return new RequestPart(testId != null && testId.isTextual() ? testId.textValue() : null, text(req, "method", source),
                endpoint, req.get("body"));
    }

    /** Parses a file that must hold a JSON object; anything else is an error naming {@code source}. */
    public static ObjectNode parseObject(byte[] content, String source) throws RecordingFormatException {
        return parseObject(content, source, new String[0]);
    }

    private static ObjectNode parseObject(byte[] content, String source, String... skipPath) throws RecordingFormatException {
        JsonNode root;
        try {
            root = Json.parse(content, skipPath);
        } catch (JsonFormatException e) {
            throw new RecordingFormatException(source + ": not valid JSON: " + e.getMessage());
        }
        return object(root, source);
    }

    private static ObjectNode object(JsonNode root, String source) throws RecordingFormatException {
        if (!root.isObject()) {
            throw new RecordingFormatException(source + ": a recording is a JSON object, but this file holds "
                    + describe(root));
        }
        return (ObjectNode) root;
    }

    /** True for an HTTP recording: one whose request has a method, a url and a body. */
    public static boolean isHttpRecording(JsonNode root) {
        JsonNode request = root.get("request");
        return request != null && request.isObject()
                && request.has("method") && request.has("url") && request.has("body");
    }

    public static Recording fromJson(ObjectNode root, String source) throws RecordingFormatException {
        if (!isHttpRecording(root)) {
            throw new RecordingFormatException(source
                    + ": not an HTTP recording (it has no request.method, request.url and request.body)");
        }
        applyIdMapping(root);
        JsonNode req = root.get("request");
        String method = text(req, "method", source);
        String url = text(req, "url", source);
        JsonNode body = req.get("body");
        JsonNode headers = req.get("headers");
        String endpoint = req.hasNonNull("endpoint") ? text(req, "endpoint", source) : UrlParts.of(url).path();
        String model = req.hasNonNull("model") ? text(req, "model", source) : RecordedRequest.modelOf(body);
        RecordedRequest request = new RecordedRequest(method, url,
                headers != null && headers.isObject() ? (ObjectNode) headers : NODES.objectNode(), body, endpoint, model);

        JsonNode resp = root.get("response");
        if (resp == null || !resp.isObject()) {
            throw new RecordingFormatException(source + ": the recording has no response object");
        }
        RecordedResponse response;
        if (resp.path("is_exception").asBoolean(false)) {
            JsonNode data = resp.get("exception_data");
            ObjectNode exceptionData = data != null && data.isObject() ? (ObjectNode) data : NODES.objectNode();
            JsonNode message = resp.get("exception_message");
            response = RecordedResponse.error(exceptionData, message != null && message.isTextual() ? message.textValue() : "");
        } else {
            response = RecordedResponse.of(resp.has("body") ? resp.get("body") : NODES.nullNode(),
                    resp.path("is_streaming").asBoolean(false));
        }
        if (resp.has("first_byte_ms") || resp.has("event_offsets_ms")) {
            response = response.withTiming(timing(resp, response, source));
        }
        response = exchangeParts(resp, response, source);
        JsonNode testId = root.get("test_id");
        return new Recording(testId != null && testId.isTextual() ? testId.textValue() : null, request, response);
    }

    /** The file's tree, fields in the order llama-stack writes them. */
    public static ObjectNode toJson(Recording recording) {
        ObjectNode root = NODES.objectNode();
        root.put("test_id", recording.testId());
        RecordedRequest r = recording.request();
        ObjectNode request = root.putObject("request");
        request.put("method", r.method());
        request.put("url", r.url());
        request.set("headers", r.headers());
        request.set("body", r.body());
        request.put("endpoint", r.endpoint());
        request.put("model", r.model());
        RecordedResponse s = recording.response();
        ObjectNode response = root.putObject("response");
        response.set("body", s.body());
        response.put("is_streaming", s.streaming());
        if (s.isError()) {
            response.put("is_exception", true);
            response.set("exception_data", s.exceptionData());
            response.put("exception_message", s.exceptionMessage());
        }
        if (!s.isError() && s.status() != 200) { // each of these only where the exchange needs it
            response.put("status", s.status());
        }
        if (!s.headers().isEmpty()) {
            response.set("headers", s.headers());
        }
        if (s.base64()) {
            response.put("body_encoding", BASE64);
            response.put("body_sha256", Sha256.hex(s.decodedBytes()));
        }
        if (s.timing() != null) { // only when recorded with --record-timing: otherwise the file is as it always was
            response.put("first_byte_ms", s.timing().firstByteMs());
            if (s.streaming()) {
                ArrayNode offsets = response.putArray("event_offsets_ms");
                s.timing().eventOffsetsMs().forEach(offsets::add);
            }
        }
        return root;
    }

    /** The value of {@code response.body_encoding} for an answer's bytes. */
    public static final String BASE64 = "base64";

    /** {@code status}, {@code headers} and {@code body_encoding}: each there only when the exchange needed it. */
    private static RecordedResponse exchangeParts(JsonNode resp, RecordedResponse response, String source)
            throws RecordingFormatException {
        JsonNode status = resp.get("status");
        if (status != null && !response.isError()) {
            if (!status.isIntegralNumber() || status.intValue() < 100 || status.intValue() > 599) {
                throw new RecordingFormatException(source + ": response.status must be an HTTP status (100 to 599), but it is "
                        + describe(status));
            }
            response = response.withStatus(status.intValue());
        }
        JsonNode headers = resp.get("headers");
        if (headers != null) {
            if (!headers.isObject()) {
                throw new RecordingFormatException(source + ": response.headers must be an object, but it is " + describe(headers));
            }
            ObjectNode kept = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                if (!h.getValue().isTextual()) {
                    throw new RecordingFormatException(source + ": response.headers." + h.getKey() + " must be a string, but it is "
                            + describe(h.getValue()));
                }
                kept.set(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue());
            }
            response = response.withHeaders(kept);
        }
        JsonNode encoding = resp.get("body_encoding");
        if (encoding != null) {
            if (!BASE64.equals(encoding.asText(null)) || !encoding.isTextual()) {
                throw new RecordingFormatException(source + ": response.body_encoding must be \"base64\", but it is "
                        + describe(encoding));
            }
            JsonNode body = resp.get("body");
            byte[] bytes;
            try {
                bytes = body != null && body.isTextual() ? Base64.getDecoder().decode(body.textValue()) : null;
            } catch (IllegalArgumentException e) {
                throw new RecordingFormatException(source + ": response.body is not base64: " + e.getMessage());
            }
            if (bytes == null) {
                throw new RecordingFormatException(source + ": response.body must be a base64 string (response.body_encoding"
                        + " is base64), but it is " + (body == null ? "missing" : describe(body)));
            }
            JsonNode digest = resp.get("body_sha256");
            if (digest != null && !Sha256.hex(bytes).equals(digest.asText())) {
                throw new RecordingFormatException(source + ": response.body does not match response.body_sha256 (the answer's "
                        + bytes.length + " bytes were changed): record it again");
            }
            RecordedResponse bytesAnswer = RecordedResponse.bytes(bytes).withStatus(response.status())
                    .withHeaders(response.headers()).withTiming(response.timing());
            response = bytesAnswer;
        }
        return response;
    }

    private static ResponseTiming timing(JsonNode resp, RecordedResponse response, String source) throws RecordingFormatException {
        JsonNode first = resp.get("first_byte_ms");
        if (first == null || !first.canConvertToLong() || !first.isIntegralNumber() || first.longValue() < 0) {
            throw new RecordingFormatException(source + ": response.first_byte_ms must be a whole number of milliseconds"
                    + " (0 or more), but it is " + (first == null ? "missing" : describe(first)));
        }
        List<Long> offsets = new ArrayList<>();
        JsonNode list = resp.get("event_offsets_ms");
        if (list != null) {
            if (!list.isArray()) {
                throw new RecordingFormatException(source + ": response.event_offsets_ms must be a list, but it is " + describe(list));
            }
            for (JsonNode offset : list) {
                if (!offset.isIntegralNumber() || !offset.canConvertToLong()) {
                    throw new RecordingFormatException(source + ": response.event_offsets_ms must hold whole numbers of"
                            + " milliseconds, but it holds " + describe(offset));
                }
                offsets.add(offset.longValue());
            }
            JsonNode body = response.body();
            if (!response.streaming() || !body.isArray() || body.size() != offsets.size()) {
                throw new RecordingFormatException(source + ": response.event_offsets_ms has " + offsets.size()
                        + " offsets, but the body holds " + (response.streaming() && body.isArray() ? body.size() + " events" : "no stream"));
            }
        }
        try {
            return new ResponseTiming(first.longValue(), offsets);
        } catch (IllegalArgumentException e) {
            throw new RecordingFormatException(source + ": response." + e.getMessage());
        }
    }

    /** The exact bytes of the file: {@code json.dumps(obj, indent=2) + "\n"}, pure ASCII. */
    public static byte[] write(Recording recording) {
        return format(toJson(recording));
    }

    public static byte[] format(JsonNode tree) {
        AsciiSink.Text text = AsciiSink.text(4096);
        PythonJson.writePretty(text, tree);
        text.append('\n');
        return text.toBytes();
    }

    /** {@link #write(Recording)} into {@code out}, as it is made: the file's text is never held whole. */
    public static void writeTo(Recording recording, OutputStream out) throws IOException {
        format(toJson(recording), out);
    }

    /** {@link #format(JsonNode)} into {@code out}. */
    public static void format(JsonNode tree, OutputStream out) throws IOException {
        AsciiSink sink = AsciiSink.to(out);
        try {
            PythonJson.writePretty(sink, tree);
            sink.append('\n');
            sink.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** {@code id_normalization_mapping} maps a normalised string to its original: put the normalised one back. */
    private static void applyIdMapping(ObjectNode root) {
        JsonNode mapping = root.get("id_normalization_mapping");
        if (mapping == null || !mapping.isObject() || mapping.isEmpty()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = mapping.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().isTextual() && !entry.getValue().textValue().isEmpty()) {
                replaceStrings(root.get("response"), entry.getValue().textValue(), entry.getKey());
            }
        }
    }

    private static void replaceStrings(JsonNode node, String original, String normalized) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isTextual()) {
                    String s = field.getValue().textValue();
                    if (s.contains(original)) {
                        field.setValue(TextNode.valueOf(s.replace(original, normalized)));
                    }
                } else {
                    replaceStrings(field.getValue(), original, normalized);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (item.isTextual() && item.textValue().contains(original)) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, TextNode.valueOf(item.textValue().replace(original, normalized)));
                } else {
                    replaceStrings(item, original, normalized);
                }
            }
        }
    }

    private static String text(JsonNode object, String field, String source) throws RecordingFormatException {
        JsonNode v = object.get(field);
        if (v == null || !v.isTextual()) {
            throw new RecordingFormatException(source + ": request." + field + " must be a string, but it is "
                    + (v == null ? "missing" : describe(v)));
        }
        return v.textValue();
    }

    static String describe(JsonNode v) {
        switch (v.getNodeType()) {
            case ARRAY: return "a JSON array";
            case STRING: return "a JSON string";
            case NUMBER: return "a JSON number";
            case BOOLEAN: return "a JSON boolean";
            case NULL: return "null";
            case OBJECT: return "a JSON object";
            default: return v.getNodeType().toString();
        }
    }
}

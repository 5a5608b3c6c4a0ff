// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.internal.api.Endpoints;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.recording.AnswerHeaders;
import dev.replay4j.internal.recording.ApiTypes;
import dev.replay4j.internal.recording.ModelLists;
import dev.replay4j.internal.recording.RecordedResponse;
import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.recording.ResponseBodies;
import dev.replay4j.internal.recording.ResponseTiming;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a {@link Recording} as a {@link Conversation}: the one place that knows the shapes of requests and answers. */
public final class Conversations {
    private static final Set<String> SHOWN_FIELDS = Set.of("messages", "model", "prompt", "input", "system", "contents",
            "systemInstruction", "__form__");
    /** {@code <key>.<n>.json}: the nth answer of a sequence. */
    private static final java.util.regex.Pattern SEQUENCE_FILE = java.util.regex.Pattern.compile("[0-9a-f]{64}\\.([0-9]+)\\.json");
    private static final int MAX_OTHER = 300;
    /** Media up to this size travels inline (the page plays it); larger is described only. */
    private static final int MAX_INLINE_MEDIA = 8 << 20;

    private Conversations() {
    }

    public static Conversation of(Recording r) {
        return of(r, null);
    }

    /** The recording of the file named {@code fileName} (which says its place in a sequence), or of none ({@code null}). */
    public static Conversation of(Recording r, String fileName) {
        JsonNode body = r.request().body();
        List<Conversation.Turn> turns = new ArrayList<>();
        if (body.has("system")) {
            turns.add(new Conversation.Turn("system", text(body.get("system")), List.of()));
        }
        if (body.has("systemInstruction")) { // Gemini
            turns.add(new Conversation.Turn("system", text(body.get("systemInstruction").path("parts")), List.of()));
        }
        for (JsonNode m : body.path("messages")) {
            List<Conversation.ToolCall> calls = toolCalls(m.path("tool_calls"));
            calls.addAll(partCalls(m.path("content")));
            turns.add(new Conversation.Turn(m.path("role").asText("?"), text(m.path("content")), calls));
        }
        for (JsonNode c : body.path("contents")) { // Gemini
            turns.add(new Conversation.Turn(c.path("role").asText("user"), text(c.path("parts")), partCalls(c.path("parts"))));
        }
        for (String field : new String[] {"prompt", "input"}) {
            if (body.has(field)) {
                turns.add(new Conversation.Turn(field, text(body.get(field)), List.of()));
            }
        }
        if (body.path("__form__").isObject()) {
            turns.add(new Conversation.Turn("form", form(body.get("__form__")), List.of()));
        }
        int sequence = 1;
        java.util.regex.Matcher m = SEQUENCE_FILE.matcher(fileName == null ? "" : fileName);
        if (m.matches()) {
            sequence = Integer.parseInt(m.group(1));
        }
        return new Conversation(r.testId(), r.request().method(), r.request().endpoint(), r.request().model(), r.request().url(),
                turns, other(body), answer(r), sequence);
    }

    /** A multipart form's fields, one a line: text fields by value, files by name, type and size. */
    private static String form(JsonNode fields) {
        StringBuilder out = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            List<JsonNode> values = new ArrayList<>();
            if (f.getValue().isArray()) {
                f.getValue().forEach(values::add);
            } else {
                values.add(f.getValue());
            }
            for (JsonNode v : values) {
                out.append(out.length() > 0 ? "\n" : "").append(f.getKey()).append(": ");
                if (v.isObject()) {
                    JsonNode type = v.path("content_type");
                    out.append(v.path("filename").isTextual() ? v.get("filename").textValue() : "(no file name)")
                            .append(String.format(" (%,d bytes of %s)", v.path("size").asLong(),
                                    type.isTextual() ? type.textValue() : "no stated type"));
                } else {
                    out.append(v.isTextual() ? v.textValue() : Json.write(v));
                }
            }
        }
        return out.toString();
    }

    /** The tool calls among a message's parts: Anthropic's {@code tool_use}, Bedrock's {@code toolUse}, Gemini's {@code functionCall}. */
    static List<Conversation.ToolCall> partCalls(JsonNode parts) {
        List<Conversation.ToolCall> out = new ArrayList<>();
        for (JsonNode part : parts.isArray() ? parts : Json.nodes().arrayNode()) {
            if (part.path("type").asText().equals("tool_use")) {
                out.add(new Conversation.ToolCall(part.path("name").asText(""), Json.write(part.path("input"))));
            } else if (part.path("toolUse").isObject()) {
                out.add(new Conversation.ToolCall(part.get("toolUse").path("name").asText(""), Json.write(part.get("toolUse").path("input"))));
            } else if (part.path("functionCall").isObject()) {
                out.add(new Conversation.ToolCall(part.get("functionCall").path("name").asText(""),
                        Json.write(part.get("functionCall").path("args"))));
            }
        }
        return out;
    }

    private static String other(JsonNode body) {
        StringBuilder other = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!SHOWN_FIELDS.contains(f.getKey())) {
                other.append(other.length() > 0 ? ", " : "").append(f.getKey()).append(' ').append(Json.write(f.getValue()));
            }
            if (other.length() > MAX_OTHER) {
                return other.substring(0, MAX_OTHER) + "...";
            }
        }
        return other.toString();
    }

    private static Conversation.Answer answer(Recording r) {
        RecordedResponse response = r.response();
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        response.headers().fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        return content(r).withExchange(response.status(), headers);
    }

    private static Conversation.Answer content(Recording r) {
        RecordedResponse response = r.response();
        String endpoint = r.request().endpoint();
        Conversation.Pace pace = pace(response.timing());
        if (response.isError()) {
            return new Conversation.Answer(Conversation.Kind.ERROR, response.status(), false, 0,
                    response.exceptionMessage() == null ? "" : response.exceptionMessage(), List.of(), null, null, List.of(), pace, null, Map.of(), null);
        }
        JsonNode body = response.body();
        if (response.base64()) {
            String type = response.headers().path("content-type").asText(AnswerHeaders.BYTES);
            Conversation.Media media = media(type, body.asText(""));
            return other(Conversation.Kind.MEDIA, TextView.describe(media), List.of(), pace, media);
        }
        if (body.isTextual() && !response.streaming()) { // a text answer, kept exactly
            return new Conversation.Answer(Conversation.Kind.TEXT, 200, false, 0, body.textValue(), List.of(), null, null, List.of(),
                    pace, null, Map.of(), null);
        }
        boolean geminiArray = body.isArray() && body.size() > 0 && body.get(0).has("candidates"); // streamed without alt=sse
        if ((response.streaming() || geminiArray) && body.isArray()) {
            StreamJoiner joined = StreamJoiner.join(body);
            return new Conversation.Answer(Conversation.Kind.TEXT, 200, true, joined.events(), joined.text(), joined.toolCalls(),
                    joined.finish(), null, List.of(), pace, null, Map.of(), joined.usage());
        }
        if (endpoint.endsWith("/models") || Endpoints.isOllamaModelList(endpoint)) {
            List<String> models = new ArrayList<>();
            String idField = ModelLists.Shape.ofBody(endpoint, body).idField();
            ModelLists.entries(body).forEach(m -> models.add(ApiTypes.unwrap(m).path(idField).asText()));
            return other(Conversation.Kind.MODELS, models.size() + " models", models, pace, null);
        }
        JsonNode data = ResponseBodies.wire(endpoint, body);
        JsonNode candidate = data.path("candidates").path(0);
        if (candidate.isObject()) { // Gemini
            JsonNode parts = candidate.path("content").path("parts");
            return new Conversation.Answer(Conversation.Kind.TEXT, 200, false, 0, partsText(parts), partCalls(parts),
                    candidate.path("finishReason").asText(null), null, List.of(), pace, null, Map.of(),
                    StreamJoiner.geminiUsage(data.path("usageMetadata")));
        }
        if (data.path("output").path("message").isObject()) { // Bedrock Converse
            JsonNode content = data.get("output").get("message").path("content");
            return new Conversation.Answer(Conversation.Kind.TEXT, 200, false, 0, partsText(content), partCalls(content),
                    data.path("stopReason").asText(null), null, List.of(), pace, null, Map.of(),
                    StreamJoiner.bedrockUsage(data.path("usage")));
        }
        JsonNode choice = data.path("choices").path(0);
        if (choice.isObject()) {
            JsonNode message = choice.path("message");
            Conversation.Media audio = audio(message.path("audio"));
            String text = message.path("content").isTextual() ? message.get("content").textValue()
                    : message.path("audio").path("transcript").asText(choice.path("text").asText(""));
            return new Conversation.Answer(audio != null ? Conversation.Kind.MEDIA : Conversation.Kind.TEXT, 200, false, 0, text,
                    toolCalls(message.path("tool_calls")), choice.path("finish_reason").asText(null), null, List.of(), pace, audio, Map.of(), null);
        }
        if (data.path("content").isArray() && data.path("type").asText().equals("message")) { // Anthropic
            StringBuilder text = new StringBuilder();
            List<Conversation.ToolCall> calls = new ArrayList<>();
            for (JsonNode block : data.get("content")) {
                text.append(block.path("text").asText(""));
                if (block.path("type").asText().equals("tool_use")) {
                    calls.add(new Conversation.ToolCall(block.path("name").asText(""), Json.write(block.path("input"))));
                }
            }
            return new Conversation.Answer(Conversation.Kind.TEXT, 200, false, 0, text.toString(), calls,
                    data.path("stop_reason").asText(null), null, List.of(), pace, null, Map.of(), null);
        }
        if (data.path("object").asText().equals("response") && data.path("output").isArray()) { // Responses
            StringBuilder text = new StringBuilder();
            List<Conversation.ToolCall> calls = new ArrayList<>();
            for (JsonNode item : data.get("output")) {
                for (JsonNode part : item.path("content")) {
                    text.append(part.path("text").asText(""));
                }
                if (item.path("type").asText().equals("function_call")) {
                    calls.add(new Conversation.ToolCall(item.path("name").asText(""), item.path("arguments").asText("")));
                }
            }
            return new Conversation.Answer(Conversation.Kind.TEXT, 200, false, 0, text.toString(), calls,
                    data.path("status").asText(null), null, List.of(), pace, null, Map.of(), null);
        }
        if (data.path("message").isObject() || data.path("response").isTextual()) { // Ollama
            return new Conversation.Answer(Conversation.Kind.TEXT, 200, false, 0,
                    data.path("message").path("content").asText(data.path("response").asText("")),
                    toolCalls(data.path("message").path("tool_calls")), data.path("done_reason").asText(null), null, List.of(), pace, null, Map.of(), null);
        }
        if (data.path("data").isArray() && data.path("data").path(0).has("embedding")) {
            JsonNode first = data.get("data").get(0).get("embedding");
            return other(Conversation.Kind.EMBEDDINGS, data.get("data").size() + " embeddings of " + dimensions(first) + " dimensions"
                    + (first.isTextual() ? " (base64)" : ""), List.of(), pace, null);
        }
        if (data.path("embeddings").isArray()) {
            return other(Conversation.Kind.EMBEDDINGS, data.get("embeddings").size() + " embeddings of "
                    + data.get("embeddings").path(0).size() + " dimensions", List.of(), pace, null);
        }
        if (data.path("data").isArray() && data.path("data").path(0).has("b64_json")) {
            Conversation.Media image = media("image/png", data.get("data").get(0).get("b64_json").asText(""));
            return new Conversation.Answer(Conversation.Kind.MEDIA, 200, false, 0, data.get("data").get(0).path("revised_prompt").asText(""),
                    List.of(), null, data.get("data").size() + " images", List.of(), pace, image, Map.of(), null);
        }
        return new Conversation.Answer(Conversation.Kind.JSON, 200, false, 0, data.toPrettyString(), List.of(), null, null,
                List.of(), pace, null, Map.of(), null);
    }

    private static Conversation.Answer other(Conversation.Kind kind, String summary, List<String> items, Conversation.Pace pace,
                                             Conversation.Media media) {
        return new Conversation.Answer(kind, 200, false, 0, "", List.of(), null, summary, items, pace, media, Map.of(), null);
    }

    /** An embedding's size: a list of floats, or base64 of little-endian float32s (4 bytes each). */
    static int dimensions(JsonNode embedding) {
        if (embedding.isTextual()) {
            try {
                return Base64.getDecoder().decode(embedding.textValue()).length / 4;
            } catch (IllegalArgumentException e) {
                return 0;
            }
        }
        return embedding.size();
    }

    private static Conversation.Media audio(JsonNode audio) {
        return audio.path("data").isTextual() ? media("audio/" + audio.path("format").asText("wav"), audio.get("data").textValue()) : null;
    }

    private static Conversation.Media media(String contentType, String base64) {
        long bytes = base64.length() / 4L * 3 - (base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0);
        return new Conversation.Media(contentType, bytes, base64.length() <= MAX_INLINE_MEDIA ? base64 : null);
    }

    private static Conversation.Pace pace(ResponseTiming timing) {
        if (timing == null) {
            return null;
        }
        List<Long> offsets = timing.eventOffsetsMs();
        return new Conversation.Pace(timing.firstByteMs(), offsets.isEmpty() ? -1 : offsets.get(offsets.size() - 1));
    }

    private static List<Conversation.ToolCall> toolCalls(JsonNode calls) {
        List<Conversation.ToolCall> out = new ArrayList<>();
        for (JsonNode call : calls) {
            JsonNode args = call.path("function").path("arguments");
            out.add(new Conversation.ToolCall(call.path("function").path("name").asText(""), args.isTextual() ? args.textValue()
                    : args.isMissingNode() ? "" : Json.write(args)));
        }
        return out;
    }

    /** The text parts of Gemini's or Bedrock's content, joined; tool calls are shown apart. */
    private static String partsText(JsonNode parts) {
        StringBuilder out = new StringBuilder();
        parts.forEach(p -> out.append(p.path("text").asText("")));
        return out.toString();
    }

    /** The text of a message's content: a string, or the text parts of a list of parts (others named by type). */
    static String text(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isArray()) {
            StringBuilder out = new StringBuilder();
            for (JsonNode part : value) {
                if (part.path("type").asText().equals("tool_use") || part.has("toolUse") || part.has("functionCall")) {
                    continue; // shown as the turn's tool calls
                }
                String t = part.isTextual() ? part.textValue() : part.path("text").isTextual() ? part.get("text").textValue()
                        : part.path("content").isTextual() ? part.get("content").textValue()
                        : "[" + part.path("type").asText(part.fieldNames().hasNext() ? part.fieldNames().next() : "part") + "]";
                out.append(out.length() > 0 ? " " : "").append(t);
            }
            return out.toString();
        }
        return value.isMissingNode() || value.isNull() ? "" : Json.write(value);
    }
}

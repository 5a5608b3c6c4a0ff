// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.JsonFormatException;
import dev.replay4j.internal.recording.ApiTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joins a recorded stream into its answer, whatever kind it is: OpenAI chat completion and completion chunks,
 * Responses events, Anthropic events, Ollama lines, Gemini chunks, Bedrock's event-stream frames (Converse events, and
 * invoke-with-response-stream's base64 chunks, which are Anthropic events); stored as JSON chunks, raw lines or frames. Each event is read by
 * the rules below in turn; a new kind of stream is one more rule in {@link #accept}.
 */
final class StreamJoiner {
    private final StringBuilder text = new StringBuilder();
    private final Map<String, String[]> toolCalls = new TreeMap<>();
    private String finish;
    private String usage;
    private int events;

    /** Joins the stored body of a stream: a list of chunks, or of raw SSE or NDJSON lines. */
    static StreamJoiner join(JsonNode storedStream) {
        StreamJoiner joiner = new StreamJoiner();
        for (JsonNode element : storedStream) {
            if (element.isTextual()) {
                joiner.acceptLine(element.textValue());
            } else if (element.path("headers").isObject() && (element.has("payload") || element.has("payload_base64"))) {
                joiner.acceptFrame(element);
            } else {
                joiner.accept(ApiTypes.unwrap(element));
            }
        }
        return joiner;
    }

    String text() {
        return text.toString();
    }

    List<Conversation.ToolCall> toolCalls() {
        List<Conversation.ToolCall> out = new ArrayList<>();
        toolCalls.values().forEach(c -> out.add(new Conversation.ToolCall(c[0], c[1])));
        return out;
    }

    String finish() {
        return finish;
    }

    int events() {
        return events;
    }

    /** The tokens the stream counts ({@code 12 in, 5 out}), or {@code null}: it says none. */
    String usage() {
        return usage;
    }

    /** An AWS event-stream frame as {@code EventFrame} stores it: a Converse event, or a chunk of Anthropic events. */
    private void acceptFrame(JsonNode frame) {
        JsonNode headers = frame.get("headers");
        if (!headers.path(":message-type").asText("event").equals("event")) {
            events++; // an exception frame: its payload is in the raw JSON
            return;
        }
        JsonNode payload = frame.path("payload");
        if (headers.path(":event-type").asText().equals("chunk") && payload.path("bytes").isTextual()) {
            try {
                accept(Json.parse(java.util.Base64.getDecoder().decode(payload.get("bytes").textValue())));
            } catch (IllegalArgumentException | JsonFormatException e) {
                events++;
            }
            return;
        }
        events++;
        String index = String.format("%08d", payload.path("contentBlockIndex").asInt(0));
        switch (headers.path(":event-type").asText()) {
            case "contentBlockStart" -> {
                JsonNode toolUse = payload.path("start").path("toolUse");
                if (toolUse.isObject()) {
                    toolCall(index)[0] = toolUse.path("name").asText("");
                }
            }
            case "contentBlockDelta" -> {
                JsonNode delta = payload.path("delta");
                text.append(delta.path("text").asText(""));
                if (delta.path("toolUse").isObject()) {
                    toolCall(index)[1] += delta.get("toolUse").path("input").asText("");
                }
            }
            case "messageStop" -> finish = payload.path("stopReason").asText(finish);
            case "metadata" -> usage = bedrockUsage(payload.path("usage"));
            default -> {
            }
        }
    }

    /** Bedrock's {@code usage}: {@code inputTokens}, {@code outputTokens}. */
    static String bedrockUsage(JsonNode usage) {
        return usage.has("inputTokens") || usage.has("outputTokens")
                ? usage.path("inputTokens").asLong() + " in, " + usage.path("outputTokens").asLong() + " out" : null;
    }

    /** Gemini's {@code usageMetadata}: {@code promptTokenCount}, {@code candidatesTokenCount}. */
    static String geminiUsage(JsonNode usage) {
        return usage.has("promptTokenCount") || usage.has("candidatesTokenCount")
                ? usage.path("promptTokenCount").asLong() + " in, " + usage.path("candidatesTokenCount").asLong() + " out" : null;
    }

    /** A raw line: {@code data: {...}} of server-sent events, or one JSON object of NDJSON; others are framing. */
    private void acceptLine(String line) {
        String payload = line.strip();
        if (payload.startsWith("data:")) {
            payload = payload.substring(5).strip();
        } else if (!payload.startsWith("{")) {
            return; // event: names, comments, blank lines: the data line says what the event is
        }
        if (payload.isEmpty() || payload.equals("[DONE]")) {
            return;
        }
        try {
            accept(Json.parse(payload));
        } catch (JsonFormatException e) {
            events++; // not JSON: counted, and shown in the raw JSON only
        }
    }

    private void accept(JsonNode event) {
        events++;
        String type = event.path("type").asText("");
        if (type.startsWith("response.")) {
            responsesEvent(type, event);
        } else if (type.startsWith("content_block_") || type.startsWith("message_")) {
            anthropicEvent(type, event);
        } else if (event.path("choices").isArray()) {
            openAiChunk(event);
        } else if (event.path("candidates").isArray()) {
            geminiChunk(event);
        } else if (event.has("message") || event.has("response") || event.has("done")) {
            ollamaLine(event);
        }
    }

    private void openAiChunk(JsonNode chunk) {
        JsonNode choice = chunk.path("choices").path(0);
        text.append(choice.path("delta").path("content").asText("")).append(choice.path("text").asText(""));
        for (JsonNode call : choice.path("delta").path("tool_calls")) {
            String[] acc = toolCall(String.format("%08d", call.path("index").asInt(0)));
            acc[0] += call.path("function").path("name").asText("");
            acc[1] += call.path("function").path("arguments").asText("");
        }
        if (choice.path("finish_reason").isTextual()) {
            finish = choice.get("finish_reason").textValue();
        }
    }

    private void geminiChunk(JsonNode chunk) {
        JsonNode candidate = chunk.path("candidates").path(0);
        for (JsonNode part : candidate.path("content").path("parts")) {
            text.append(part.path("text").asText(""));
            if (part.path("functionCall").isObject()) {
                String[] acc = toolCall(String.format("g%08d", toolCalls.size()));
                acc[0] = part.get("functionCall").path("name").asText("");
                acc[1] = Json.write(part.get("functionCall").path("args"));
            }
        }
        if (candidate.path("finishReason").isTextual()) {
            finish = candidate.get("finishReason").textValue();
        }
        String counted = geminiUsage(chunk.path("usageMetadata"));
        usage = counted != null ? counted : usage;
    }

    private void responsesEvent(String type, JsonNode event) {
        switch (type) {
            case "response.output_text.delta", "response.refusal.delta" -> text.append(event.path("delta").asText(""));
            case "response.output_item.added" -> {
                JsonNode item = event.path("item");
                if (item.path("type").asText().equals("function_call")) {
                    toolCall(itemKey(event))[0] = item.path("name").asText("");
                }
            }
            case "response.function_call_arguments.delta" -> toolCall(itemKey(event))[1] += event.path("delta").asText("");
            case "response.completed", "response.failed", "response.incomplete" ->
                    finish = event.path("response").path("status").asText(type.substring("response.".length()));
            default -> {
            }
        }
    }

    private static String itemKey(JsonNode event) {
        return String.format("%08d", event.path("output_index").asInt(0));
    }

    private void anthropicEvent(String type, JsonNode event) {
        String index = String.format("%08d", event.path("index").asInt(0));
        switch (type) {
            case "content_block_start" -> {
                JsonNode block = event.path("content_block");
                if (block.path("type").asText().equals("tool_use")) {
                    toolCall(index)[0] = block.path("name").asText("");
                }
                text.append(block.path("text").asText(""));
            }
            case "content_block_delta" -> {
                JsonNode delta = event.path("delta");
                text.append(delta.path("text").asText(""));
                if (delta.has("partial_json")) {
                    toolCall(index)[1] += delta.path("partial_json").asText("");
                }
            }
            case "message_delta" -> {
                if (event.path("delta").path("stop_reason").isTextual()) {
                    finish = event.path("delta").path("stop_reason").textValue();
                }
            }
            default -> {
            }
        }
    }

    private void ollamaLine(JsonNode line) {
        text.append(line.path("message").path("content").asText("")).append(line.path("response").asText(""));
        for (JsonNode call : line.path("message").path("tool_calls")) {
            String[] acc = toolCall(String.format("o%08d", toolCalls.size()));
            acc[0] = call.path("function").path("name").asText("");
            JsonNode args = call.path("function").path("arguments");
            acc[1] = args.isTextual() ? args.textValue() : Json.write(args);
        }
        if (line.path("done_reason").isTextual()) {
            finish = line.get("done_reason").textValue();
        }
    }

    private String[] toolCall(String key) {
        return toolCalls.computeIfAbsent(key, k -> new String[] {"", ""});
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * AWS Bedrock's runtime API: {@code /model/{id}/converse} (JSON), {@code /converse-stream} (event-stream frames:
 * messageStart, contentBlockDelta..., contentBlockStop, messageStop, metadata, each payload with Bedrock's
 * {@code "p"} padding), {@code /invoke} (the model's own JSON: Anthropic's messages here) and
 * {@code /invoke-with-response-stream} (frames of type {@code chunk} whose payload's {@code bytes} is the base64 of
 * one of the model's stream events).
 */
final class BedrockAnswers {
    static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    private BedrockAnswers() {
    }

    static Answer answer(String path, JsonNode request, int n) {
        if (path.endsWith("/converse")) {
            return converse(request, n);
        }
        if (path.endsWith("/converse-stream")) {
            return converseStream(request, n);
        }
        if (path.endsWith("/invoke")) {
            ((ObjectNode) request).remove("stream");
            return AnthropicAnswers.messages(request, n);
        }
        if (path.endsWith("/invoke-with-response-stream")) {
            ((ObjectNode) request).put("stream", true);
            Answer sse = AnthropicAnswers.messages(request, n);
            List<byte[]> frames = new ArrayList<>();
            for (String line : sse.body().split("\n")) {
                if (line.startsWith("data: ")) {
                    String bytes = Base64.getEncoder().encodeToString(line.substring(6).getBytes(StandardCharsets.UTF_8));
                    frames.add(EventStreamFrames.event("chunk", "{\"bytes\":\"" + bytes + "\",\"p\":\"abcdefgh\"}"));
                }
            }
            return Answer.frames(EVENT_STREAM, frames);
        }
        return ErrorAnswers.of(path, 404, "the fake upstream does not serve " + path);
    }

    private static Answer converse(JsonNode request, int n) {
        ObjectNode out = Conversation.object();
        ObjectNode message = out.putObject("output").putObject("message");
        message.put("role", "assistant");
        ArrayNode content = message.putArray("content");
        JsonNode tool = firstTool(request);
        boolean toolResult = lastHasToolResult(request);
        if (tool != null && !toolResult) {
            ObjectNode use = content.addObject().putObject("toolUse");
            use.put("toolUseId", "tooluse_" + n).put("name", tool.path("name").asText());
            use.set("input", Conversation.toolArguments(tool.path("inputSchema").get("json")));
            out.put("stopReason", "tool_use");
        } else {
            content.addObject().put("text", text(request, n));
            out.put("stopReason", "end_turn");
        }
        out.set("usage", usage());
        out.putObject("metrics").put("latencyMs", 42);
        return Answer.json(out);
    }

    private static Answer converseStream(JsonNode request, int n) {
        List<byte[]> frames = new ArrayList<>();
        frames.add(event("messageStart", Conversation.object().put("role", "assistant")));
        for (String piece : Conversation.pieces(text(request, n))) {
            ObjectNode delta = Conversation.object().put("contentBlockIndex", 0);
            delta.putObject("delta").put("text", piece);
            frames.add(event("contentBlockDelta", delta));
        }
        frames.add(event("contentBlockStop", Conversation.object().put("contentBlockIndex", 0)));
        frames.add(event("messageStop", Conversation.object().put("stopReason", "end_turn")));
        ObjectNode metadata = Conversation.object();
        metadata.set("usage", usage());
        metadata.putObject("metrics").put("latencyMs", 42);
        frames.add(event("metadata", metadata));
        return Answer.frames(EVENT_STREAM, frames);
    }

    private static byte[] event(String type, ObjectNode payload) {
        payload.put("p", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ".substring(0, 4 + type.length()));
        return EventStreamFrames.event(type, Conversation.write(payload));
    }

    private static ObjectNode usage() {
        return Conversation.object().put("inputTokens", 5).put("outputTokens", 3).put("totalTokens", 8);
    }

    private static String text(JsonNode request, int n) {
        JsonNode messages = request.path("messages");
        JsonNode last = messages.size() == 0 ? null : messages.get(messages.size() - 1);
        if (last != null) {
            for (JsonNode block : last.path("content")) {
                if (block.has("toolResult")) {
                    StringBuilder out = new StringBuilder();
                    block.get("toolResult").path("content").forEach(c -> out.append(c.path("text").asText("")));
                    return "Tool result: " + out + " #" + n;
                }
            }
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                StringBuilder out = new StringBuilder();
                messages.get(i).path("content").forEach(c -> out.append(c.path("text").asText("")));
                return "Echo: " + out + " #" + n;
            }
        }
        return "Echo:  #" + n;
    }

    private static JsonNode firstTool(JsonNode request) {
        JsonNode tools = request.path("toolConfig").path("tools");
        return tools.size() > 0 && tools.get(0).has("toolSpec") ? tools.get(0).get("toolSpec") : null;
    }

    private static boolean lastHasToolResult(JsonNode request) {
        JsonNode messages = request.path("messages");
        if (messages.size() == 0) {
            return false;
        }
        for (JsonNode block : messages.get(messages.size() - 1).path("content")) {
            if (block.has("toolResult")) {
                return true;
            }
        }
        return false;
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /v1/messages}, as JSON or as server-sent events with {@code event:} lines. */
final class AnthropicAnswers {
    private AnthropicAnswers() {
    }

    static Answer messages(JsonNode request, int n) {
        JsonNode messages = request.get("messages");
        String model = request.path("model").asText("claude-test");
        JsonNode tools = request.get("tools");
        boolean lastIsToolResult = lastIsToolResult(messages);
        ObjectNode block = Conversation.object();
        String stopReason = "end_turn";
        if (tools != null && tools.size() > 0 && !lastIsToolResult) {
            block.put("type", "tool_use").put("id", "toolu_" + n).put("name", tools.get(0).path("name").asText());
            block.set("input", Conversation.toolArguments(tools.get(0).get("input_schema")));
            stopReason = "tool_use";
        } else {
            String prefix = lastIsToolResult ? "Tool result: " : "Echo: ";
            block.put("type", "text").put("text", prefix + Conversation.lastText(messages, "user") + " #" + n);
        }
        if (!request.path("stream").asBoolean(false)) {
            ObjectNode out = message(model, n, stopReason);
            out.putArray("content").add(block);
            return Answer.json(out);
        }
        StringBuilder sse = new StringBuilder();
        ObjectNode start = message(model, n, null);
        start.putArray("content");
        event(sse, "message_start", Conversation.object().put("type", "message_start").set("message", start));
        ObjectNode open = block.deepCopy();
        if ("tool_use".equals(block.path("type").asText())) {
            open.putObject("input");
        } else {
            open.put("text", "");
        }
        event(sse, "content_block_start", Conversation.object().put("type", "content_block_start").put("index", 0)
                .set("content_block", open));
        if (block.has("input")) {
            ObjectNode delta = Conversation.object().put("type", "input_json_delta")
                    .put("partial_json", Conversation.write(block.get("input")));
            event(sse, "content_block_delta", Conversation.object().put("type", "content_block_delta").put("index", 0)
                    .set("delta", delta));
        } else {
            for (String piece : Conversation.pieces(block.get("text").asText())) {
                ObjectNode delta = Conversation.object().put("type", "text_delta").put("text", piece);
                event(sse, "content_block_delta", Conversation.object().put("type", "content_block_delta").put("index", 0)
                        .set("delta", delta));
            }
        }
        event(sse, "content_block_stop", Conversation.object().put("type", "content_block_stop").put("index", 0));
        ObjectNode end = Conversation.object().put("type", "message_delta");
        end.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        end.putObject("usage").put("output_tokens", 3);
        event(sse, "message_delta", end);
        event(sse, "message_stop", Conversation.object().put("type", "message_stop"));
        return new Answer(200, "text/event-stream; charset=utf-8", sse.toString());
    }

    private static boolean lastIsToolResult(JsonNode messages) {
        if (messages == null || messages.size() == 0) {
            return false;
        }
        JsonNode content = messages.get(messages.size() - 1).get("content");
        if (content == null || !content.isArray()) {
            return false;
        }
        for (JsonNode part : content) {
            if ("tool_result".equals(part.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode message(String model, int n, String stopReason) {
        ObjectNode out = Conversation.object();
        out.put("id", "msg_" + n).put("type", "message").put("role", "assistant").put("model", model);
        out.put("stop_reason", stopReason).putNull("stop_sequence");
        out.putObject("usage").put("input_tokens", 5).put("output_tokens", 3);
        return out;
    }

    private static void event(StringBuilder sse, String name, JsonNode data) {
        sse.append("event: ").append(name).append('\n').append("data: ").append(Conversation.write(data)).append("\n\n");
    }
}

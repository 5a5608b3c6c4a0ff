// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /api/chat} (a stream unless {@code "stream": false}) and {@code /api/embed}. */
final class OllamaAnswers {
    private OllamaAnswers() {
    }

    static Answer chat(JsonNode request, int n) {
        JsonNode messages = request.get("messages");
        String model = request.path("model").asText("llama-test");
        JsonNode tools = request.get("tools");
        boolean lastIsToolResult = messages != null && messages.size() > 0
                && "tool".equals(messages.get(messages.size() - 1).path("role").asText());
        ObjectNode message = Conversation.object().put("role", "assistant");
        if (tools != null && tools.size() > 0 && !lastIsToolResult) {
            JsonNode function = tools.get(0).path("function");
            message.put("content", "");
            ObjectNode call = message.putArray("tool_calls").addObject().putObject("function");
            call.put("name", function.path("name").asText());
            call.set("arguments", Conversation.toolArguments(function.get("parameters")));
        } else if (lastIsToolResult) {
            message.put("content", "Tool result: " + Conversation.lastText(messages, "tool") + " #" + n);
        } else {
            message.put("content", "Echo: " + Conversation.lastText(messages, "user") + " #" + n);
        }
        if (!request.path("stream").asBoolean(true)) {
            return Answer.json(done(model, message));
        }
        StringBuilder lines = new StringBuilder();
        if (message.has("tool_calls")) {
            lines.append(Conversation.write(part(model, message))).append('\n');
        } else {
            for (String piece : Conversation.pieces(message.get("content").asText())) {
                lines.append(Conversation.write(part(model, Conversation.object().put("role", "assistant").put("content", piece))))
                        .append('\n');
            }
        }
        lines.append(Conversation.write(done(model, Conversation.object().put("role", "assistant").put("content", ""))))
                .append('\n');
        return new Answer(200, "application/x-ndjson", lines.toString());
    }

    private static ObjectNode part(String model, ObjectNode message) {
        ObjectNode out = Conversation.object();
        out.put("model", model).put("created_at", "2025-05-01T10:00:00.123456Z");
        out.set("message", message);
        out.put("done", false);
        return out;
    }

    private static ObjectNode done(String model, ObjectNode message) {
        ObjectNode out = part(model, message);
        out.put("done_reason", "stop").put("done", true).put("total_duration", 123456).put("load_duration", 1234)
                .put("prompt_eval_count", 5).put("prompt_eval_duration", 2345).put("eval_count", 3).put("eval_duration", 3456);
        return out;
    }

    static Answer embed(JsonNode request) {
        JsonNode input = request.get("input");
        ObjectNode out = Conversation.object();
        out.put("model", request.path("model").asText("embed-test"));
        ArrayNode embeddings = out.putArray("embeddings");
        if (input != null && input.isArray()) {
            input.forEach(i -> add(embeddings, i.asText()));
        } else if (input != null) {
            add(embeddings, input.asText());
        }
        out.put("total_duration", 1234).put("load_duration", 12).put("prompt_eval_count", embeddings.size());
        return Answer.json(out);
    }

    private static void add(ArrayNode embeddings, String input) {
        ArrayNode vector = embeddings.addArray();
        for (float f : OpenAiAnswers.vector(input)) {
            vector.add(f);
        }
    }
}

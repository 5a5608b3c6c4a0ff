// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** {@code /v1/chat/completions} and {@code /v1/embeddings}. */
final class OpenAiAnswers {
    private OpenAiAnswers() {
    }

    static Answer chat(JsonNode request, int n) {
        JsonNode messages = request.get("messages");
        String model = request.path("model").asText("gpt-test");
        JsonNode tools = request.get("tools");
        boolean lastIsToolResult = messages != null && messages.size() > 0
                && "tool".equals(messages.get(messages.size() - 1).path("role").asText());
        ObjectNode toolCall = null;
        String text;
        if (tools != null && tools.size() > 0 && !lastIsToolResult) {
            JsonNode function = tools.get(0).path("function");
            toolCall = Conversation.object();
            toolCall.put("id", "call_" + n).put("type", "function");
            toolCall.putObject("function").put("name", function.path("name").asText())
                    .put("arguments", Conversation.write(Conversation.toolArguments(function.get("parameters"))));
            text = null;
        } else if (lastIsToolResult) {
            text = "Tool result: " + Conversation.lastText(messages, "tool") + " #" + n;
        } else {
            text = "Echo: " + Conversation.lastText(messages, "user") + " #" + n;
        }
        if (request.path("stream").asBoolean(false)) {
            return stream(request, model, n, text, toolCall);
        }
        ObjectNode out = head(model, n, "chat.completion");
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", text);
        message.putNull("refusal");
        if (toolCall != null) {
            message.putArray("tool_calls").add(toolCall);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", toolCall != null ? "tool_calls" : "stop");
        out.set("usage", usage());
        return Answer.json(out);
    }

    private static Answer stream(JsonNode request, String model, int n, String text, ObjectNode toolCall) {
        List<ObjectNode> chunks = new ArrayList<>();
        ObjectNode first = chunk(model, n, chunks);
        first.put("role", "assistant");
        if (toolCall != null) {
            ObjectNode head = toolCall.deepCopy();
            ((ObjectNode) head.get("function")).put("arguments", "");
            head.put("index", 0);
            first.putArray("tool_calls").add(head);
            ObjectNode rest = Conversation.object().put("index", 0);
            rest.putObject("function").put("arguments", toolCall.get("function").get("arguments").asText());
            chunk(model, n, chunks).putArray("tool_calls").add(rest);
        } else {
            first.put("content", "");
            for (String piece : Conversation.pieces(text)) {
                chunk(model, n, chunks).put("content", piece);
            }
        }
        chunk(model, n, chunks);
        ((ObjectNode) chunks.get(chunks.size() - 1).get("choices").get(0))
                .put("finish_reason", toolCall != null ? "tool_calls" : "stop");
        StringBuilder sse = new StringBuilder();
        for (ObjectNode chunk : chunks) {
            sse.append("data: ").append(Conversation.write(chunk)).append("\n\n");
        }
        if (request.path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode last = head(model, n, "chat.completion.chunk");
            last.putArray("choices");
            last.set("usage", usage());
            sse.append("data: ").append(Conversation.write(last)).append("\n\n");
        }
        sse.append("data: [DONE]\n\n");
        return new Answer(200, "text/event-stream; charset=utf-8", sse.toString());
    }

    /** Adds a chunk and returns its delta. */
    private static ObjectNode chunk(String model, int n, List<ObjectNode> chunks) {
        ObjectNode chunk = head(model, n, "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        chunks.add(chunk);
        return delta;
    }

    static Answer embeddings(JsonNode request) {
        JsonNode input = request.get("input");
        List<String> inputs = new ArrayList<>();
        if (input != null && input.isArray()) {
            input.forEach(i -> inputs.add(i.asText()));
        } else if (input != null) {
            inputs.add(input.asText());
        }
        boolean base64 = "base64".equals(request.path("encoding_format").asText());
        ObjectNode out = Conversation.object();
        out.put("object", "list");
        ArrayNode data = out.putArray("data");
        for (int i = 0; i < inputs.size(); i++) {
            float[] vector = vector(inputs.get(i));
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
                ByteBuffer bytes = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : vector) {
                    bytes.putFloat(f);
                }
                item.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float f : vector) {
                    values.add(f);
                }
            }
        }
        out.put("model", request.path("model").asText("embed-test"));
        out.putObject("usage").put("prompt_tokens", inputs.size()).put("total_tokens", inputs.size());
        return Answer.json(out);
    }

    /** Exact in binary, so that JSON and base64 carry the same numbers. */
    static float[] vector(String input) {
        return new float[] {input.length() / 4f, 0.5f, -0.25f};
    }

    private static ObjectNode head(String model, int n, String object) {
        ObjectNode out = Conversation.object();
        out.put("id", "chatcmpl-" + n);
        out.put("object", object);
        out.put("created", 1_700_000_000L + n);
        out.put("model", model);
        return out;
    }

    private static ObjectNode usage() {
        return Conversation.object().put("prompt_tokens", 5).put("completion_tokens", 3).put("total_tokens", 8);
    }
}

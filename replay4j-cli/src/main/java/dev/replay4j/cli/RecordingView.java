// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.internal.api.Endpoints;
import dev.replay4j.internal.recording.ApiTypes;
import dev.replay4j.internal.recording.ModelLists;
import dev.replay4j.internal.recording.RecordedResponse;
import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.recording.ResponseBodies;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A recording as a person reads it: who asked what, and what came back. */
final class RecordingView {
    private static final Set<String> SHOWN_FIELDS = Set.of("messages", "model", "prompt", "input", "system");
    private static final int MAX_OTHER = 300;

    private RecordingView() {
    }

    static void print(Recording r, PrintWriter out) {
        out.println("test id:   " + (r.testId() == null ? "(none: recorded outside any test)" : r.testId()));
        out.println("request:   " + r.request().method() + " " + r.request().endpoint()
                + (r.request().model().isEmpty() ? "" : "  model " + r.request().model()) + "  (" + r.request().url() + ")");
        JsonNode body = r.request().body();
        if (body.path("system").isTextual()) {
            out.println("system:    " + indent(body.get("system").textValue()));
        }
        if (body.path("messages").isArray()) {
            out.println("messages:");
            for (JsonNode m : body.get("messages")) {
                out.println("  " + m.path("role").asText("?") + ": " + indent(content(m)));
            }
        }
        for (String field : new String[] {"prompt", "input"}) {
            if (body.has(field)) {
                out.println(field + ":" + " ".repeat(Math.max(1, 10 - field.length())) + indent(text(body.get(field))));
            }
        }
        StringBuilder other = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!SHOWN_FIELDS.contains(f.getKey())) {
                other.append(other.length() > 0 ? ", " : "").append(f.getKey()).append(' ').append(f.getValue());
            }
        }
        if (other.length() > 0) {
            out.println("other:     " + (other.length() > MAX_OTHER ? other.substring(0, MAX_OTHER) + "..." : other));
        }
        out.println();
        printResponse(r, out);
    }

    private static void printResponse(Recording r, PrintWriter out) {
        RecordedResponse response = r.response();
        String endpoint = r.request().endpoint();
        if (response.isError()) {
            out.println("response:  upstream error " + response.status());
            out.println("message:   " + indent(response.exceptionMessage()));
            return;
        }
        JsonNode body = response.body();
        if (response.streaming() && body.isArray()) {
            if (ResponseBodies.isRawLines(body)) {
                out.println("response:  streamed, " + body.size() + " raw lines");
                body.forEach(line -> out.println("  " + line.asText()));
                return;
            }
            out.println("response:  streamed, " + body.size() + " chunks");
            StringBuilder answer = new StringBuilder();
            Map<Integer, String[]> toolCalls = new TreeMap<>();
            String finish = null;
            for (JsonNode wrapped : body) {
                JsonNode chunk = ApiTypes.unwrap(wrapped);
                JsonNode choice = chunk.path("choices").path(0);
                answer.append(choice.path("delta").path("content").asText(""))
                        .append(choice.path("text").asText(""))
                        .append(chunk.path("message").path("content").asText(""))
                        .append(chunk.path("response").asText(""));
                for (JsonNode call : choice.path("delta").path("tool_calls")) {
                    String[] acc = toolCalls.computeIfAbsent(call.path("index").asInt(0), i -> new String[] {"", ""});
                    acc[0] += call.path("function").path("name").asText("");
                    acc[1] += call.path("function").path("arguments").asText("");
                }
                if (choice.path("finish_reason").isTextual()) {
                    finish = choice.get("finish_reason").textValue();
                }
            }
            out.println("answer:    " + indent(answer.toString()));
            toolCalls.values().forEach(c -> out.println("tool call: " + c[0] + " " + c[1]));
            if (finish != null) {
                out.println("finish:    " + finish);
            }
            return;
        }
        JsonNode data = ResponseBodies.wire(endpoint, body);
        JsonNode choice = data.path("choices").path(0);
        if (choice.isObject()) {
            out.println("answer:    " + indent(choice.path("message").path("content").asText(choice.path("text").asText(""))));
            for (JsonNode call : choice.path("message").path("tool_calls")) {
                out.println("tool call: " + call.path("function").path("name").asText() + " " + call.path("function").path("arguments").asText());
            }
            if (choice.path("finish_reason").isTextual()) {
                out.println("finish:    " + choice.get("finish_reason").textValue());
            }
        } else if (data.path("message").isObject() || data.path("response").isTextual()) {
            out.println("answer:    " + indent(data.path("message").path("content").asText(data.path("response").asText(""))));
        } else if (data.path("data").isArray() && data.path("data").path(0).has("embedding")) {
            out.println("response:  " + data.get("data").size() + " embeddings of " + data.get("data").get(0).get("embedding").size() + " dimensions");
        } else if (data.path("embeddings").isArray()) {
            out.println("response:  " + data.get("embeddings").size() + " embeddings");
        } else if (endpoint.endsWith("/models") || Endpoints.isOllamaModelList(endpoint)) {
            out.println("models:");
            ModelLists.entries(body).forEach(m -> out.println("  " + ApiTypes.unwrap(m).path(Endpoints.modelIdField(endpoint)).asText()));
        } else {
            out.println("response:  " + indent(data.toPrettyString()));
        }
    }

    /** The text of a message: a string, or the text parts of a list of parts (images noted). */
    private static String content(JsonNode message) {
        JsonNode c = message.path("content");
        StringBuilder out = new StringBuilder(text(c));
        for (JsonNode call : message.path("tool_calls")) {
            out.append(out.length() > 0 ? " " : "").append("[tool call ").append(call.path("function").path("name").asText())
                    .append(" ").append(call.path("function").path("arguments").asText()).append("]");
        }
        return out.toString();
    }

    private static String text(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isArray()) {
            StringBuilder out = new StringBuilder();
            for (JsonNode part : value) {
                String t = part.isTextual() ? part.textValue() : part.path("text").isTextual() ? part.get("text").textValue()
                        : "[" + part.path("type").asText("part") + "]";
                out.append(out.length() > 0 ? " " : "").append(t);
            }
            return out.toString();
        }
        return value.isMissingNode() || value.isNull() ? "" : value.toString();
    }

    /** Continuation lines line up under the first. */
    private static String indent(String text) {
        return text.replace("\n", "\n           ");
    }
}

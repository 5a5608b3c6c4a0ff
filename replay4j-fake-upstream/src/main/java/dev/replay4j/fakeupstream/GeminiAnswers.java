// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Google's Gemini API, as AI Studio ({@code /v1beta/models/{m}:method}, {@code /v1/...}) and Vertex AI
 * ({@code .../publishers/google/models/{m}:method}) answer it: {@code generateContent}, {@code streamGenerateContent}
 * (server-sent events with {@code alt=sse}, each ended by a blank CRLF line; else one JSON array sent element by
 * element), {@code embedContent}, {@code batchEmbedContents}, Vertex's {@code predict} for embeddings,
 * {@code countTokens}, and the paged model list.
 */
final class GeminiAnswers {
    private GeminiAnswers() {
    }

    /** The method after the colon of a path such as {@code /v1beta/models/gemini-test:generateContent}, or {@code null}. */
    static String method(String path) {
        int models = path.lastIndexOf("/models/");
        int colon = models < 0 ? -1 : path.indexOf(':', models);
        return colon < 0 ? null : path.substring(colon + 1);
    }

    static Answer answer(String path, String query, JsonNode request, int n) {
        String method = method(path);
        String model = path.substring(path.lastIndexOf("/models/") + "/models/".length(), path.lastIndexOf(':'));
        switch (method) {
            case "generateContent":
                return Answer.json(response(model, request, n, true, null));
            case "streamGenerateContent":
                return stream(model, request, n, query != null && query.contains("alt=sse"));
            case "embedContent":
                return Answer.json(Conversation.object().set("embedding", values()));
            case "batchEmbedContents": {
                ObjectNode out = Conversation.object();
                ArrayNode embeddings = out.putArray("embeddings");
                request.path("requests").forEach(r -> embeddings.add(values()));
                return Answer.json(out);
            }
            case "predict": {
                ObjectNode out = Conversation.object();
                ArrayNode predictions = out.putArray("predictions");
                request.path("instances").forEach(i -> {
                    ObjectNode e = values();
                    e.putObject("statistics").put("token_count", 1).put("truncated", false);
                    predictions.addObject().set("embeddings", e);
                });
                return Answer.json(out);
            }
            case "countTokens":
                return Answer.json(Conversation.object().put("totalTokens", Math.max(1, lastUserText(request).split(" ").length)));
            default:
                return ErrorAnswers.of(path, 404, "the fake upstream does not serve :" + method);
        }
    }

    /** {@code models}, paged: {@code pageSize} entries (50 unless given), the next page named by {@code nextPageToken}. */
    static Answer models(List<String> ids, String query) {
        int size = 50;
        int from = 0;
        if (query != null) {
            for (String p : query.split("&")) {
                if (p.startsWith("pageSize=")) {
                    size = Integer.parseInt(p.substring(9));
                } else if (p.startsWith("pageToken=") && p.length() > 10) {
                    from = Integer.parseInt(p.substring(10).replace("page-", ""));
                }
            }
        }
        ObjectNode out = Conversation.object();
        ArrayNode models = out.putArray("models");
        for (int i = from; i < Math.min(ids.size(), from + size); i++) {
            String id = ids.get(i);
            ObjectNode m = models.addObject();
            m.put("name", "models/" + id).put("version", "001").put("displayName", id).put("description", "fake " + id)
                    .put("inputTokenLimit", 1_048_576).put("outputTokenLimit", 8192);
            m.putArray("supportedGenerationMethods").add("generateContent").add("countTokens");
        }
        if (from + size < ids.size()) {
            out.put("nextPageToken", "page-" + (from + size));
        }
        return Answer.json(out);
    }

    private static ObjectNode values() {
        ObjectNode embedding = Conversation.object();
        embedding.putArray("values").add(1.0).add(0.5).add(-0.25);
        return embedding;
    }

    private static Answer stream(String model, JsonNode request, int n, boolean sse) {
        ObjectNode whole = response(model, request, n, true, null);
        List<ObjectNode> chunks = new ArrayList<>();
        JsonNode part = whole.path("candidates").path(0).path("content").path("parts").path(0);
        if (part.has("text")) {
            List<String> pieces = Conversation.pieces(part.get("text").asText());
            chunks.add(response(model, request, n, false, pieces.get(0)));
            chunks.add(response(model, request, n, true, pieces.get(1)));
        } else {
            chunks.add(whole);
        }
        if (sse) {
            StringBuilder out = new StringBuilder();
            chunks.forEach(c -> out.append("data: ").append(Conversation.write(c)).append("\r\n\r\n"));
            return new Answer(200, "text/event-stream", out.toString());
        }
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            pieces.add((i == 0 ? "[" : "\n,\r\n") + Conversation.write(chunks.get(i)));
        }
        pieces.add("\n]");
        return Answer.pieces("application/json; charset=UTF-8", pieces);
    }

    /** A GenerateContentResponse; {@code text} overrides the answer's text (a stream's piece), {@code last} ends it. */
    private static ObjectNode response(String model, JsonNode request, int n, boolean last, String text) {
        ObjectNode out = Conversation.object();
        ObjectNode candidate = out.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        ArrayNode parts = content.putArray("parts");
        JsonNode function = firstFunction(request);
        boolean toolResult = lastHasFunctionResponse(request);
        if (function != null && !toolResult && text == null) {
            ObjectNode call = parts.addObject().putObject("functionCall");
            call.put("name", function.path("name").asText());
            JsonNode schema = function.has("parameters") ? function.get("parameters")
                    : function.has("parametersJsonSchema") ? function.get("parametersJsonSchema") : function.get("parameters_json_schema");
            call.set("args", Conversation.toolArguments(schema));
        } else {
            String answer = toolResult ? "Tool result: " + functionResponseText(request) + " #" + n
                    : "Echo: " + lastUserText(request) + " #" + n;
            parts.addObject().put("text", text != null ? text : answer);
        }
        content.put("role", "model");
        if (last) {
            candidate.put("finishReason", "STOP");
        }
        candidate.put("index", 0);
        if (last) {
            out.putObject("usageMetadata").put("promptTokenCount", 5).put("candidatesTokenCount", 3).put("totalTokenCount", 8);
        }
        out.put("modelVersion", model);
        out.put("responseId", "resp_" + n);
        return out;
    }

    private static JsonNode firstFunction(JsonNode request) {
        JsonNode tools = request.path("tools");
        // A repeated field given as one object (LangChain4j sends "tools": {...}): Google's parser takes it as a list of one.
        for (JsonNode tool : tools.isObject() ? List.of(tools) : tools) {
            // Google's API reads protobuf JSON: camelCase or snake_case field names alike.
            JsonNode declarations = tool.has("functionDeclarations") ? tool.get("functionDeclarations") : tool.path("function_declarations");
            if (declarations.size() > 0) {
                return declarations.get(0);
            }
        }
        return null;
    }

    private static JsonNode lastContent(JsonNode request) {
        JsonNode contents = request.path("contents");
        return contents.size() == 0 ? null : contents.get(contents.size() - 1);
    }

    private static boolean lastHasFunctionResponse(JsonNode request) {
        JsonNode last = lastContent(request);
        if (last == null) {
            return false;
        }
        for (JsonNode part : last.path("parts")) {
            if (part.has("functionResponse") || part.has("function_response")) {
                return true;
            }
        }
        return false;
    }

    private static String functionResponseText(JsonNode request) {
        for (JsonNode part : lastContent(request).path("parts")) {
            if (part.has("functionResponse") || part.has("function_response")) {
                JsonNode response = part.has("functionResponse") ? part.get("functionResponse").path("response")
                        : part.get("function_response").path("response");
                return response.isObject() && response.size() == 1 ? response.elements().next().asText() : Conversation.write(response);
            }
        }
        return "";
    }

    static String lastUserText(JsonNode request) {
        JsonNode contents = request.path("contents");
        for (int i = contents.size() - 1; i >= 0; i--) {
            JsonNode c = contents.get(i);
            if (!c.has("role") || "user".equals(c.path("role").asText())) {
                StringBuilder out = new StringBuilder();
                c.path("parts").forEach(p -> out.append(p.path("text").asText("")));
                if (out.length() > 0) {
                    return out.toString();
                }
            }
        }
        return "";
    }
}

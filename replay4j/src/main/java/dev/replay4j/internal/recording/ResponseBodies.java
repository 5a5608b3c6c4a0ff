// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.internal.api.Endpoints;
import dev.replay4j.internal.json.Json;
import java.util.List;

/**
 * Converts response bodies between the wire (what the API sends) and the recording (typed
 * {@code __type__} wrappers, normalised fields). One place for both directions, so they stay inverse.
 */
public final class ResponseBodies {
    private ResponseBodies() {
    }

    /** The stored form of a whole JSON body; {@code shortKey} feeds the normalised ids. */
    public static JsonNode stored(String endpoint, JsonNode wire, String shortKey) {
        String type = Endpoints.bodyType(endpoint);
        if (Endpoints.isOpenAiModelList(endpoint) && ModelLists.Shape.ofBody(endpoint, wire) != ModelLists.Shape.OPENAI) {
            return wire; // Anthropic's and Gemini's lists, as sent: their ids and dates are the models', not noise
        }
        if (Endpoints.isOpenAiModelList(endpoint) && wire.isObject() && wire.path("data").isArray()) {
            ArrayNode list = Json.nodes().arrayNode();
            for (JsonNode model : wire.get("data")) {
                ResponseNormalizer.normalize(model, shortKey);
                list.add(type != null ? ApiTypes.wrap(type, model) : model);
            }
            return list;
        }
        if (!namesAResource(endpoint)) {
            ResponseNormalizer.normalize(wire, shortKey);
        }
        return type != null && wire.isObject() ? ApiTypes.wrap(type, wire) : wire;
    }

    /** Paths whose answers are resources a client names again by their id (a batch it polls, a file it uses). */
    private static final List<String> RESOURCES = List.of("/v1/files", "/v1/batches", "/v1/uploads", "/v1/vector_stores",
            "/v1/fine_tuning", "/v1/assistants", "/v1/threads", "/v1/containers", "/v1/conversations");

    /**
     * True for an answer whose {@code id} must stay as it came: quieted, the client's next request (such as
     * {@code GET /v1/batches/<id>}) would name an id that was never recorded.
     */
    public static boolean namesAResource(String endpoint) {
        for (String resource : RESOURCES) {
            if (endpoint.equals(resource) || endpoint.startsWith(resource + "/")) {
                return true;
            }
        }
        return false;
    }

    /** The stored form of a stream of JSON chunks. */
    public static ArrayNode storedChunks(String endpoint, List<JsonNode> chunks, String shortKey) {
        String type = Endpoints.chunkType(endpoint);
        ArrayNode list = Json.nodes().arrayNode();
        for (JsonNode chunk : chunks) {
            ResponseNormalizer.normalize(chunk, shortKey);
            list.add(type != null && chunk.isObject() ? ApiTypes.wrap(type, chunk) : chunk);
        }
        return list;
    }

    /** A stream kept as its raw lines: other APIs, named events, non-JSON data. */
    public static ArrayNode storedLines(List<String> lines) {
        ArrayNode list = Json.nodes().arrayNode();
        lines.forEach(list::add);
        return list;
    }

    /** The wire form of a stored non-streaming body. */
    public static JsonNode wire(String endpoint, JsonNode stored) {
        if (stored.isArray() && Endpoints.isOpenAiModelList(endpoint)) {
            return modelList(endpoint, ModelLists.entries(stored));
        }
        return ApiTypes.unwrap(stored);
    }

    /**
     * A merged model list on the wire, in its family's shape (see {@link ModelLists.Shape}); {@code nextPageToken}
     * is Gemini's, or {@code null}.
     */
    public static ObjectNode modelList(ModelLists.Shape shape, List<JsonNode> entries, String nextPageToken) {
        ObjectNode out = Json.object();
        switch (shape) {
            case ANTHROPIC: {
                ArrayNode list = out.putArray("data");
                entries.forEach(e -> list.add(ApiTypes.unwrap(e)));
                out.put("has_more", false);
                String first = entries.isEmpty() ? null : ApiTypes.unwrap(entries.get(0)).path("id").textValue();
                String last = entries.isEmpty() ? null : ApiTypes.unwrap(entries.get(entries.size() - 1)).path("id").textValue();
                out.put("first_id", first);
                out.put("last_id", last);
                return out;
            }
            case GEMINI: {
                ArrayNode list = out.putArray("models");
                entries.forEach(e -> list.add(ApiTypes.unwrap(e)));
                if (nextPageToken != null) {
                    out.put("nextPageToken", nextPageToken);
                }
                return out;
            }
            default:
                return modelList(shape == ModelLists.Shape.OLLAMA ? "/api/tags" : "/v1/models", entries);
        }
    }

    /** A model list on the wire: {@code {"models": [...]}} for Ollama, {@code {"object": "list", "data": [...]}} otherwise. */
    public static ObjectNode modelList(String endpoint, List<JsonNode> entries) {
        ObjectNode out = Json.object();
        ArrayNode list;
        if (Endpoints.isOllamaModelList(endpoint)) {
            list = out.putArray("models");
        } else {
            out.put("object", "list");
            list = out.putArray("data");
        }
        entries.forEach(e -> list.add(ApiTypes.unwrap(e)));
        return out;
    }

    /** True when a stored stream holds raw lines (strings) rather than JSON chunks. */
    public static boolean isRawLines(JsonNode storedStream) {
        return storedStream.isArray() && storedStream.size() > 0 && storedStream.get(0).isTextual();
    }
}

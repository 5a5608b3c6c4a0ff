// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.recording;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.ApiFamily;
import dev.replay4j.internal.api.Endpoints;
import dev.replay4j.internal.json.PythonJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Model lists ({@code /v1/models}, {@code /api/tags}): their file names carry a digest of the model
 * identifiers, so that lists taken from different servers sit side by side and merge on replay.
 */
public final class ModelLists {
    private ModelLists() {
    }

    /** The file name prefix of every model list with this key: {@code models-<key>-}. */
    public static String filePrefix(String keyHex) {
        return "models-" + keyHex + "-";
    }

    public static String fileName(String keyHex, String endpoint, JsonNode storedBody) {
        return filePrefix(keyHex) + digest(endpoint, storedBody) + ".json";
    }

    /**
     * The shapes of model lists, one per API family that has one: how its entries name a model, how it is stored
     * and how it goes on the wire. OpenAI's, Anthropic's and Gemini's share the path {@code /v1/models}.
     */
    public enum Shape {
        /** {@code {"object": "list", "data": [{"id", "object": "model", ...}]}}; stored as a list of typed entries. */
        OPENAI("id"),
        /** {@code {"data": [{"type": "model", "id", ...}], "has_more", "first_id", "last_id"}}; stored as sent. */
        ANTHROPIC("id"),
        /** {@code {"models": [{"name": "models/...", ...}], "nextPageToken"}}; stored as sent. */
        GEMINI("name"),
        /** {@code {"models": [{"name", "model", ...}]}}, Ollama's {@code /api/tags}. */
        OLLAMA("model");

        private final String idField;

        Shape(String idField) {
            this.idField = idField;
        }

        /** The field of an entry that names its model. */
        public String idField() {
            return idField;
        }

        /** The shape a request of this family to this model-list endpoint is answered in. */
        public static Shape of(ApiFamily family, String endpoint) {
            if (Endpoints.isOllamaModelList(endpoint)) {
                return OLLAMA;
            }
            return family == ApiFamily.ANTHROPIC ? ANTHROPIC : family == ApiFamily.GEMINI ? GEMINI : OPENAI;
        }

        /** The shape of a list body, on the wire or as stored. */
        public static Shape ofBody(String endpoint, JsonNode body) {
            if (Endpoints.isOllamaModelList(endpoint)) {
                return OLLAMA;
            }
            JsonNode b = ApiTypes.unwrap(body);
            if (b != null && b.isObject() && b.path("models").isArray()) {
                return GEMINI;
            }
            List<JsonNode> entries = entries(body);
            JsonNode first = entries.isEmpty() ? null : ApiTypes.unwrap(entries.get(0));
            boolean anthropic = first != null ? "model".equals(first.path("type").textValue()) && !first.has("object")
                    : b != null && b.isObject() && b.has("has_more");
            return anthropic ? ANTHROPIC : OPENAI;
        }
    }

    /**
     * The first 8 hex digits of the SHA-256 of the sorted, unique identifiers joined by {@code |}:
     * {@code model} for Ollama's {@code /api/tags}, {@code name} for Gemini's, {@code id} otherwise.
     */
    public static String digest(String endpoint, JsonNode storedBody) {
        TreeSet<String> ids = new TreeSet<>(PythonJson.CODE_POINT_ORDER);
        String field = Shape.ofBody(endpoint, storedBody).idField();
        for (JsonNode entry : entries(storedBody)) {
            JsonNode id = ApiTypes.unwrap(entry).get(field);
            if (id != null && id.isTextual()) {
                ids.add(id.textValue());
            }
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(String.join("|", ids).getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(8);
            for (int i = 0; i < 4; i++) {
                hex.append(String.format("%02x", hash[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The entries of a stored list body: a list, {@code {"models": [...]}} or {@code {"data": [...]}}, wrapped or not. */
    public static List<JsonNode> entries(JsonNode storedBody) {
        JsonNode body = ApiTypes.unwrap(storedBody);
        JsonNode list = body;
        if (body != null && body.isObject()) {
            list = body.has("models") ? body.get("models") : body.get("data");
        }
        List<JsonNode> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(out::add);
        }
        return out;
    }
}

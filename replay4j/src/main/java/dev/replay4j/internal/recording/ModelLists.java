// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.recording;

import com.fasterxml.jackson.databind.JsonNode;
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
     * The first 8 hex digits of the SHA-256 of the sorted, unique identifiers joined by {@code |}:
     * {@code model} for Ollama's {@code /api/tags}, {@code id} otherwise.
     */
    public static String digest(String endpoint, JsonNode storedBody) {
        TreeSet<String> ids = new TreeSet<>(PythonJson.CODE_POINT_ORDER);
        String field = Endpoints.modelIdField(endpoint);
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

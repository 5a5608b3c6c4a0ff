// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The request half of a recording.
 *
 * @param url      the upstream URL actually called; its path is the one the key hashes
 * @param headers  never a credential
 * @param endpoint the API path without the upstream's base path, which decides the type names
 * @param model    {@code body.model}, or {@code ""}
 *
 * <p>An immutable value: the trees are copied in, and each accessor hands out a copy of its own.
 */
public record RecordedRequest(String method, String url, ObjectNode headers, JsonNode body, String endpoint, String model) {
    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(model, "model");
        headers = headers.deepCopy();
        body = body.deepCopy();
    }

    /** A copy: changing it changes nothing here. */
    @Override
    public ObjectNode headers() {
        return headers.deepCopy();
    }

    /** A copy: changing it changes nothing here. */
    @Override
    public JsonNode body() {
        return body.deepCopy();
    }

    /** {@code body.model} when it is a string, else {@code ""}, as the recorder stores it. */
    public static String modelOf(JsonNode body) {
        JsonNode model = body.get("model");
        return model != null && model.isTextual() ? model.textValue() : "";
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.internal.json.Json;

/**
 * The {@code __type__} / {@code __data__} wrappers of typed API objects in a recording; which type name goes
 * with which endpoint is {@link dev.replay4j.internal.api.Endpoints}.
 */
public final class ApiTypes {
    public static final String TYPE = "__type__";
    public static final String DATA = "__data__";

    private ApiTypes() {
    }

    public static ObjectNode wrap(String type, JsonNode data) {
        ObjectNode wrapper = Json.object();
        wrapper.put(TYPE, type);
        wrapper.set(DATA, data);
        return wrapper;
    }

    public static boolean isWrapped(JsonNode value) {
        return value != null && value.isObject() && value.has(TYPE) && value.has(DATA);
    }

    /** The API object inside a wrapper, or the value itself when it is not wrapped. */
    public static JsonNode unwrap(JsonNode value) {
        return isWrapped(value) ? value.get(DATA) : value;
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.ApiFamily;
import dev.replay4j.internal.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * Errors in the API's own shape, so that client libraries show our message to the user instead of a
 * generic "404 Not Found".
 */
final class ApiErrors {
    private ApiErrors() {
    }

    static byte[] body(ApiFamily family, String type, String message) {
        ObjectNode out = Json.object();
        switch (family) {
            case OLLAMA:
                out.put("error", message);
                break;
            case ANTHROPIC: {
                out.put("type", "error");
                ObjectNode error = out.putObject("error");
                error.put("type", type);
                error.put("message", message);
                break;
            }
            default: {
                ObjectNode error = out.putObject("error");
                error.put("message", message);
                error.put("type", type);
                error.putNull("param");
                error.put("code", type);
                break;
            }
        }
        return Json.write(out).getBytes(StandardCharsets.UTF_8);
    }

    /** The wire body of a recorded upstream error: {@code {"error": <recorded body>}}. */
    static byte[] recorded(JsonNode recordedBody) {
        ObjectNode out = Json.object();
        out.set("error", recordedBody == null ? Json.nodes().nullNode() : recordedBody);
        return Json.write(out).getBytes(StandardCharsets.UTF_8);
    }
}

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
        return body(family, 500, type, message);
    }

    /** The body of one of replay4j's own errors with this status, in the family's shape. */
    static byte[] body(ApiFamily family, int status, String type, String message) {
        ObjectNode out = Json.object();
        switch (family) {
            case GEMINI: {
                // Google's API errors: {"error": {"code": 404, "message": ..., "status": "NOT_FOUND"}}
                ObjectNode error = out.putObject("error");
                error.put("code", status);
                error.put("message", message);
                error.put("status", googleStatus(status));
                error.putArray("details").addObject().put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
                        .put("reason", type).put("domain", "replay4j");
                break;
            }
            case BEDROCK:
                // AWS's JSON errors: the type travels in the x-amzn-ErrorType header too (see Responses.sendError).
                out.put("message", message);
                out.put("__type", type);
                break;
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

    /** The canonical gRPC status name Google's APIs give with an HTTP status. */
    static String googleStatus(int status) {
        switch (status) {
            case 400: return "INVALID_ARGUMENT";
            case 401: return "UNAUTHENTICATED";
            case 403: return "PERMISSION_DENIED";
            case 404: return "NOT_FOUND";
            case 409: return "ABORTED";
            case 413: return "INVALID_ARGUMENT";
            case 429: return "RESOURCE_EXHAUSTED";
            case 501: return "UNIMPLEMENTED";
            case 503: return "UNAVAILABLE";
            case 504: return "DEADLINE_EXCEEDED";
            default: return status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        }
    }

    /** The wire body of a recorded upstream error: {@code {"error": <recorded body>}}. */
    static byte[] recorded(JsonNode recordedBody) {
        ObjectNode out = Json.object();
        out.set("error", recordedBody == null ? Json.nodes().nullNode() : recordedBody);
        return Json.write(out).getBytes(StandardCharsets.UTF_8);
    }
}

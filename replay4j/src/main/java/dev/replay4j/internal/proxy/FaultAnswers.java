// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.ApiFamily;
import dev.replay4j.internal.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * The error a provider itself sends for a status, in its own shape (not replay4j's), so that its SDKs raise
 * their usual exception: OpenAI's {@code {"error": {"message", "type", "param", "code"}}}, Anthropic's
 * {@code {"type": "error", "error": {"type", "message"}}} (529 is {@code overloaded_error}), Ollama's
 * {@code {"error": "..."}}.
 */
final class FaultAnswers {
    private FaultAnswers() {
    }

    static byte[] body(ApiFamily family, int status) {
        ObjectNode out = Json.object();
        switch (family) {
            case OLLAMA:
                out.put("error", ollamaMessage(status));
                break;
            case ANTHROPIC: {
                out.put("type", "error");
                ObjectNode error = out.putObject("error");
                error.put("type", anthropicType(status));
                error.put("message", anthropicMessage(status));
                break;
            }
            default: {
                ObjectNode error = out.putObject("error");
                error.put("message", openAiMessage(status));
                error.put("type", openAiType(status));
                error.putNull("param");
                String code = openAiCode(status);
                if (code == null) {
                    error.putNull("code");
                } else {
                    error.put("code", code);
                }
                break;
            }
        }
        return Json.write(out).getBytes(StandardCharsets.UTF_8);
    }

    private static String openAiType(int status) {
        switch (status) {
            case 429: return "requests";
            default: return status >= 500 ? "server_error" : "invalid_request_error";
        }
    }

    private static String openAiCode(int status) {
        switch (status) {
            case 401: return "invalid_api_key";
            case 404: return "model_not_found";
            case 429: return "rate_limit_exceeded";
            default: return null;
        }
    }

    private static String openAiMessage(int status) {
        switch (status) {
            case 400: return "Invalid request (a fault injected by replay4j).";
            case 401: return "Incorrect API key provided (a fault injected by replay4j).";
            case 403: return "You are not allowed to make this request (a fault injected by replay4j).";
            case 404: return "The model does not exist or you do not have access to it (a fault injected by replay4j).";
            case 429: return "Rate limit reached for requests (a fault injected by replay4j).";
            case 503: return "The engine is currently overloaded, please try again later (a fault injected by replay4j).";
            default: return status >= 500 ? "The server had an error while processing your request. Sorry about that!"
                    + " (a fault injected by replay4j)" : "Request failed with status " + status + " (a fault injected by replay4j).";
        }
    }

    private static String anthropicType(int status) {
        switch (status) {
            case 400: return "invalid_request_error";
            case 401: return "authentication_error";
            case 402: return "billing_error";
            case 403: return "permission_error";
            case 404: return "not_found_error";
            case 413: return "request_too_large";
            case 429: return "rate_limit_error";
            case 504: return "timeout_error";
            case 529: return "overloaded_error";
            default: return status >= 500 ? "api_error" : "invalid_request_error";
        }
    }

    private static String anthropicMessage(int status) {
        switch (status) {
            case 429: return "Number of requests has exceeded your rate limit (a fault injected by replay4j)";
            case 529: return "Overloaded";
            case 500: return "Internal server error (a fault injected by replay4j)";
            default: return "Request failed with status " + status + " (a fault injected by replay4j)";
        }
    }

    private static String ollamaMessage(int status) {
        switch (status) {
            case 404: return "model not found (a fault injected by replay4j)";
            case 429: return "too many requests (a fault injected by replay4j)";
            case 503: return "server busy, please try again. maximum pending requests exceeded (a fault injected by replay4j)";
            default: return "request failed with status " + status + " (a fault injected by replay4j)";
        }
    }
}

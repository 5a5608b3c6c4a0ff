// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error in the shape each API sends it. */
final class ErrorAnswers {
    private ErrorAnswers() {
    }

    static Answer of(String path, int status, String message) {
        String type = status == 400 ? "invalid_request_error" : status == 401 ? "authentication_error"
                : status == 404 ? "not_found_error" : status == 429 ? "rate_limit_error" : "api_error";
        ObjectNode out = Conversation.object();
        if (path.startsWith("/api/")) { // Ollama: {"error": "..."}
            out.put("error", message);
        } else if (path.startsWith("/model/")) { // Bedrock: {"message": "..."}, the type in x-amzn-ErrorType
            out.put("message", message);
        } else if (path.startsWith("/v1beta") || GeminiAnswers.method(path) != null) { // Google: {"error": {code, message, status}}
            String status2 = status == 400 ? "INVALID_ARGUMENT" : status == 404 ? "NOT_FOUND" : status == 429 ? "RESOURCE_EXHAUSTED"
                    : status == 401 ? "UNAUTHENTICATED" : "INTERNAL";
            out.putObject("error").put("code", status).put("message", message).put("status", status2);
        } else if (path.endsWith("/messages")) { // Anthropic
            out.put("type", "error");
            out.putObject("error").put("type", type).put("message", message);
        } else { // OpenAI
            ObjectNode error = out.putObject("error");
            error.put("message", message).put("type", type).putNull("param").putNull("code");
        }
        return Answer.json(status, out);
    }
}

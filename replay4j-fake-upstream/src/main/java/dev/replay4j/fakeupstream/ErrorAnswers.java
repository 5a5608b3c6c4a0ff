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

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Chat request bodies of one user message, as the clients send them (compact JSON), and the text of an answer. */
public final class ChatBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatBodies() {
    }

    /** {@code {"model":"gpt-test","messages":[{"role":"user","content":prompt}]}}. */
    public static String openAi(String prompt) {
        return write(chat("gpt-test", prompt));
    }

    /** {@link #openAi} with {@code "stream":true}. */
    public static String openAiStreaming(String prompt) {
        return write(chat("gpt-test", prompt).put("stream", true));
    }

    /** An Ollama {@code /api/chat} body; Ollama streams unless told otherwise. */
    public static String ollama(String prompt) {
        return write(chat("llama3.2", prompt));
    }

    /** The answer text of an OpenAI chat completion. */
    public static String answerText(String completion) {
        try {
            return JSON.readTree(completion).path("choices").path(0).path("message").path("content").asText();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a chat completion: " + completion, e);
        }
    }

    private static ObjectNode chat(String model, String prompt) {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        return body;
    }

    private static String write(ObjectNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

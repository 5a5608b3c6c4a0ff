// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.springe2e.assistant;

import java.util.List;

/**
 * Points the application's own base URL settings at a fake upstream, as its application.properties would point them
 * at the real APIs: replay4j takes each one as that model's upstream. Spring AI 2's OpenAI base URL ends in
 * {@code /v1} (the surefire property {@code e2e.openai.path}); 1.1's does not.
 */
public final class AppUpstreams {
    private static final List<String> PROPERTIES = List.of("spring.ai.openai.base-url", "spring.ai.anthropic.base-url",
            "spring.ai.ollama.base-url", "langchain4j.open-ai.chat-model.base-url", "langchain4j.open-ai.streaming-chat-model.base-url");

    private AppUpstreams() {
    }

    public static void pointAt(String url) {
        System.setProperty("spring.ai.openai.base-url", url + System.getProperty("e2e.openai.path", ""));
        System.setProperty("spring.ai.anthropic.base-url", url);
        System.setProperty("spring.ai.ollama.base-url", url);
        System.setProperty("langchain4j.open-ai.chat-model.base-url", url + "/v1");
        System.setProperty("langchain4j.open-ai.streaming-chat-model.base-url", url + "/v1");
    }

    public static void clear() {
        PROPERTIES.forEach(System::clearProperty);
    }
}

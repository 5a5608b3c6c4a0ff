// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.replay4j.junit5.Replay4jBaseUrl;
import dev.replay4j.junit5.Replay4jTest;
import org.junit.jupiter.api.Test;

/** LangChain4j's OpenAI module, with the base URL injected as a plain string. */
@Replay4jTest
class LangChain4jOpenAiExampleTest {
    @Test
    void answersAQuestion(@Replay4jBaseUrl("/v1") String baseUrl) {
        ChatModel model = OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(System.getenv().getOrDefault("OPENAI_API_KEY", "not-needed-in-replay"))
                .modelName("gpt-4o-mini")
                .build();

        String answer = model.chat("Name a famous French painter.");

        assertThat(answer).contains("Name a famous French painter.");
    }
}

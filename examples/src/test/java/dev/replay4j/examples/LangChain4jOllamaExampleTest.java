// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.replay4j.junit5.Replay4jRuntime;
import dev.replay4j.junit5.Replay4jTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LangChain4j's Ollama module; each invocation of a parameterized test has recordings of its own ({@code [1]}, {@code [2]}). */
@Replay4jTest
class LangChain4jOllamaExampleTest {
    @ParameterizedTest
    @ValueSource(strings = {"red", "blue"})
    void describesAColour(String colour, Replay4jRuntime replay4j) {
        ChatModel model = OllamaChatModel.builder()
                .baseUrl(replay4j.ollamaBaseUrl())
                .modelName("llama3.2:3b")
                .build();

        String answer = model.chat("Describe the colour " + colour + " in one word.");

        assertThat(answer).contains(colour);
    }
}

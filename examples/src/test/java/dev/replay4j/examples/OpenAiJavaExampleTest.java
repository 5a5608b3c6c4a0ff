// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.replay4j.junit5.Replay4jRuntime;
import dev.replay4j.junit5.Replay4jTest;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK: point its base URL at replay4j, and give it a key only when recording. */
@Replay4jTest
class OpenAiJavaExampleTest {
    @Test
    void answersAQuestion(Replay4jRuntime replay4j) {
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(replay4j.openAiBaseUrl())
                .apiKey(System.getenv().getOrDefault("OPENAI_API_KEY", "not-needed-in-replay"))
                .build();

        String answer = client.chat().completions().create(ChatCompletionCreateParams.builder()
                        .model("gpt-4o-mini")
                        .addUserMessage("What is the capital of France?")
                        .build())
                .choices().get(0).message().content().orElseThrow();

        // The committed recording was made against replay4j's echo server; with a real model, assert on its answer.
        assertThat(answer).contains("What is the capital of France?");
    }
}

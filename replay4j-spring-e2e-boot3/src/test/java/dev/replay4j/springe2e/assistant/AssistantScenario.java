// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.springe2e.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.junit5.Replay4jRuntime;
import dev.replay4j.junit5.Replay4jTest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The application's models as its tests use them: the two annotations and nothing else. Run by {@link SpringRecordReplayTest}. */
@SpringBootTest
@Replay4jTest
class AssistantScenario {
    @Autowired
    Assistant assistant;
    @Autowired
    LaterAssistant later;

    @Test
    void chat_client_call(Replay4jRuntime replay4j) {
        Seen.put(replay4j.testId(), "call", assistant.ask("What is the capital of France?"));
        Seen.proxy(replay4j.proxyUrl());
    }

    @Test
    void chat_client_stream(Replay4jRuntime replay4j) {
        Seen.put(replay4j.testId(), "stream", assistant.askStreaming("Count to three"));
    }

    @Test
    void anthropic_chat_model(Replay4jRuntime replay4j) {
        Seen.put(replay4j.testId(), "anthropic", assistant.askAnthropic("Hello Claude"));
    }

    @Test
    void ollama_chat_model(Replay4jRuntime replay4j) {
        Seen.put(replay4j.testId(), "ollama", assistant.askOllama("Hello Llama"));
    }

    @Test
    void openai_embedding_model(Replay4jRuntime replay4j) {
        float[] vector = assistant.embed("replay4j records and replays");
        assertThat(vector).isNotEmpty();
        Seen.put(replay4j.testId(), "embedding", Arrays.toString(vector));
    }

    @Test
    void async_method(Replay4jRuntime replay4j) throws Exception {
        Seen.put(replay4j.testId(), "async", later.askLater("Answer later").get());
    }

    @Test
    void same_prompt(Replay4jRuntime replay4j) {
        Seen.put(replay4j.testId(), "same", assistant.ask("The same prompt in two classes"));
    }
}

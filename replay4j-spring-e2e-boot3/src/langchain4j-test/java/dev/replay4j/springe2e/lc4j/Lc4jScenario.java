// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.springe2e.lc4j;

import dev.replay4j.junit5.Replay4jRuntime;
import dev.replay4j.junit5.Replay4jTest;
import dev.replay4j.springe2e.assistant.Seen;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** LangChain4j's OpenAI starter through the same two annotations. Run by {@link Lc4jRecordReplayTest}. */
@SpringBootTest
@Replay4jTest
class Lc4jScenario {
    @Autowired
    Lc4jAssistant assistant;

    @Test
    void chat_model(Replay4jRuntime replay4j) {
        Seen.put(replay4j.testId(), "call", assistant.ask("Hello LangChain4j"));
    }

    @Test
    void streaming_chat_model(Replay4jRuntime replay4j) throws Exception {
        Seen.put(replay4j.testId(), "stream", assistant.askStreaming("Stream, LangChain4j"));
    }
}

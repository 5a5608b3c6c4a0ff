// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.springe2e.assistant;

import dev.replay4j.junit5.Replay4jRuntime;
import dev.replay4j.junit5.Replay4jTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** A second class on the same cached context (the annotations in the other order), and the same prompt as the first. */
@Replay4jTest
@SpringBootTest
class SecondScenario {
    @Autowired
    Assistant assistant;

    @Test
    void same_prompt(Replay4jRuntime replay4j) {
        Seen.put(replay4j.testId(), "same", assistant.ask("The same prompt in two classes"));
    }
}

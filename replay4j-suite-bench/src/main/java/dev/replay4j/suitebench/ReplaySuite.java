// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.suitebench;

import dev.replay4j.junit5.Replay4jRuntime;
import dev.replay4j.junit5.Replay4jTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** N tests through replay4j's JUnit extension (mode and folders from the system properties, as a user's run). */
@Replay4jTest
public class ReplaySuite {
    @ParameterizedTest
    @MethodSource("dev.replay4j.suitebench.Tests#numbers")
    void calls(int i, Replay4jRuntime replay4j) {
        Calls.call(replay4j.openAiBaseUrl(), i);
    }
}

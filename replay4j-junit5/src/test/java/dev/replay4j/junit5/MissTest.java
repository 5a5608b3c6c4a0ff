// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.junit5.fixtures.MissFixture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

@Timeout(60)
class MissTest {
    @TempDir
    Path recordings;

    @Test
    void a_miss_fails_the_test_with_the_proxys_explanation_and_the_clients_error_as_cause() {
        Map<String, Throwable> failures = Kit.failures(Kit.run(Kit.replay(recordings), MissFixture.class));

        Throwable failure = failures.get("throwsOnTheMiss(Replay4jRuntime)");
        assertThat(failure).isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("replay4j: 1 request of test dev.replay4j.junit5.fixtures.MissFixture::throwsOnTheMiss"
                        + " had no recording, so this test cannot be replayed")
                .hasMessageContaining("no recording for POST /v1/chat/completions (mode replay, test id"
                        + " dev.replay4j.junit5.fixtures.MissFixture::throwsOnTheMiss)")
                .hasMessageContaining("to record it: run in mode record-if-missing");
        assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class).hasMessageContaining("HTTP 404");
    }

    @Test
    void a_test_that_caught_the_clients_error_still_fails() {
        Map<String, Throwable> failures = Kit.failures(Kit.run(Kit.replay(recordings), MissFixture.class));

        assertThat(failures).containsOnlyKeys("throwsOnTheMiss(Replay4jRuntime)", "swallowsTheMiss(Replay4jRuntime)");
        assertThat(failures.get("swallowsTheMiss(Replay4jRuntime)")).isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("replay4j: 1 request of test dev.replay4j.junit5.fixtures.MissFixture::swallowsTheMiss")
                .hasMessageContaining("no recording for POST /v1/chat/completions")
                .hasNoCause();
    }
}

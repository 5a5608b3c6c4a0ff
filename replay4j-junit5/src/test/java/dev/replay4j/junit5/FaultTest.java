// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.RecordingFiles;
import dev.replay4j.junit5.fixtures.ChatFixture;
import dev.replay4j.junit5.fixtures.FaultFixture;
import dev.replay4j.junit5.fixtures.Seen;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

@Timeout(120)
class FaultTest {
    private static final Map<String, String> PARALLEL = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(FaultFixture.TESTS));

    @TempDir
    Path recordings;
    private final FakeUpstream upstream = FakeUpstream.start();

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    @Test
    void a_fault_set_in_one_test_reaches_that_test_only_even_in_parallel_and_is_never_recorded() {
        FaultFixture.reset();
        Map<String, String> record = new HashMap<>(PARALLEL);
        record.putAll(Kit.record(recordings, upstream.url()));
        EngineExecutionResults run = Kit.run(record, FaultFixture.class);
        assertThat(Kit.failures(run)).isEmpty();
        run.testEvents().assertStatistics(s -> s.started(FaultFixture.TESTS).succeeded(FaultFixture.TESTS));
        assertThat(Seen.ANSWERS).containsExactlyInAnyOrderEntriesOf(Map.of("rateLimited", "429,200",
                "unavailable", "503,200", "plain", "200,200", "alsoPlain", "200,200"));
        // A faulted answer is never recorded, so the faulted tests keep one answer each; the two plain tests asked
        // twice, and keep both answers of their sequence (<key>.json and <key>.2.json).
        assertThat(RecordingFiles.names(recordings)).hasSize(FaultFixture.TESTS + 2)
                .filteredOn(n -> n.endsWith(".2.json")).hasSize(2);
    }

    @Test
    void the_runs_fault_property_reaches_every_test_and_a_malformed_one_names_the_property() {
        Map<String, String> faulted = new HashMap<>(Kit.record(recordings, upstream.url()));
        faulted.put("replay4j.fault", "status=418,endpoint=/v1/chat/completions");
        EngineExecutionResults run = Kit.run(faulted, ChatFixture.class);
        assertThat(Kit.failures(run)).containsOnlyKeys("chat(Replay4jRuntime)", "streamingChat(Replay4jRuntime)")
                .allSatisfy((name, failure) -> assertThat(failure).hasMessageContaining("HTTP 418"));
        assertThat(RecordingFiles.names(recordings)).as("the faulted chats recorded nothing").hasSize(2);

        Map<String, String> malformed = new HashMap<>(Kit.replay(recordings));
        malformed.put("replay4j.fault", "status=429;delay=soon");
        EngineExecutionResults bad = Kit.run(malformed, ChatFixture.class);
        assertThat(Kit.failures(bad)).isNotEmpty().allSatisfy((name, failure) -> assertThat(failure)
                .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("replay4j.fault")
                .hasMessageContaining("'delay=soon'"));
    }
}

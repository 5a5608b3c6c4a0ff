// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.RecordingFiles;
import dev.replay4j.junit5.fixtures.ParallelFixture;
import dev.replay4j.junit5.fixtures.Seen;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

@Timeout(120)
class ParallelTest {
    private static final Map<String, String> PARALLEL = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(ParallelFixture.TESTS));

    @TempDir
    Path recordings;
    private final FakeUpstream upstream = FakeUpstream.start();

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    @Test
    void concurrent_tests_sending_the_same_request_each_replay_their_own_recording() {
        ParallelFixture.reset();
        Map<String, String> record = new HashMap<>(PARALLEL);
        record.putAll(Kit.record(recordings, upstream.url()));
        EngineExecutionResults recordedRun = Kit.run(record, ParallelFixture.class);
        assertThat(Kit.failures(recordedRun)).isEmpty();
        recordedRun.testEvents().assertStatistics(s -> s.started(ParallelFixture.TESTS).succeeded(ParallelFixture.TESTS));
        Map<String, String> recorded = new HashMap<>(Seen.ANSWERS);
        assertThat(new HashSet<>(recorded.values())).as("the upstream numbers its answers").hasSize(ParallelFixture.TESTS);
        assertThat(RecordingFiles.names(recordings)).hasSize(ParallelFixture.TESTS);
        upstream.close();

        ParallelFixture.reset();
        Map<String, String> replay = new HashMap<>(PARALLEL);
        replay.putAll(Kit.replay(recordings));
        EngineExecutionResults replayed = Kit.run(replay, ParallelFixture.class);
        assertThat(Kit.failures(replayed)).isEmpty();
        replayed.testEvents().assertStatistics(s -> s.started(ParallelFixture.TESTS).succeeded(ParallelFixture.TESTS));

        assertThat(Seen.ANSWERS).isEqualTo(recorded);
    }
}

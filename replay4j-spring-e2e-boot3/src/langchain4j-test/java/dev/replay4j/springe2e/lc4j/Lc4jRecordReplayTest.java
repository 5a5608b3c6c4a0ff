// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.springe2e.lc4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.springe2e.assistant.AppUpstreams;
import dev.replay4j.springe2e.assistant.ScenarioRuns;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LangChain4j's Spring Boot starter for OpenAI (Boot 3.5): recorded, then replayed with the upstream gone. */
class Lc4jRecordReplayTest {
    @TempDir
    Path work;

    @Test
    void the_starters_models_record_and_replay_through_the_two_annotations() {
        Path recordings = work.resolve("replay4j");
        Map<String, String> recorded;
        try (FakeUpstream upstream = FakeUpstream.start()) {
            AppUpstreams.pointAt(upstream.url());
            recorded = ScenarioRuns.run("record", recordings, Lc4jScenario.class);
            assertThat(upstream.calls()).isEqualTo(2);
        } finally {
            AppUpstreams.clear();
        }
        assertThat(recorded).hasSize(2);
        assertThat(recorded.get("dev.replay4j.springe2e.lc4j.Lc4jScenario::chat_model call")).contains("Hello LangChain4j");
        Map<String, String> files = ScenarioRuns.files(recordings);
        assertThat(files).hasSize(2).allSatisfy((path, content) -> assertThat(path).startsWith("dev/replay4j/springe2e/lc4j/Lc4jScenario/"));

        assertThat(ScenarioRuns.run("replay", recordings, Lc4jScenario.class)).isEqualTo(recorded);
        assertThat(ScenarioRuns.files(recordings)).isEqualTo(files);
    }
}

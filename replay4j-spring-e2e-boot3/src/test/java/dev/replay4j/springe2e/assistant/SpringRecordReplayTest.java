// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.springe2e.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.fakeupstream.FakeUpstream;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spring Boot application's tests, {@code @SpringBootTest} + {@code @Replay4jTest} and nothing else: recorded
 * from a fake upstream that numbers its answers, replayed with the upstream gone (each test sees what it saw),
 * and recorded again with record-if-missing, which changes no file. One application context serves all three
 * classes and all three runs.
 */
class SpringRecordReplayTest {
    private static final Class<?>[] SCENARIOS = {AssistantScenario.class, PlainScenario.class, SecondScenario.class,
            ConcurrentScenario.class};
    private static final Pattern COUNTER = Pattern.compile("#(\\d+)");

    @TempDir
    static Path work;
    static FakeUpstream upstream;

    @BeforeAll
    static void pointTheApplicationAtAFakeUpstream() {
        upstream = FakeUpstream.start();
        AppUpstreams.pointAt(upstream.url());
    }

    @AfterAll
    static void stop() {
        upstream.close();
        AppUpstreams.clear();
    }

    @Test
    void recorded_tests_replay_with_the_upstream_gone_and_each_sees_what_it_saw() {
        Path recordings = work.resolve("replay4j");

        Map<String, String> recorded = ScenarioRuns.run("record", recordings, SCENARIOS);
        int calls = upstream.calls();
        upstream.close();

        assertThat(Seen.takeProxies()).as("one proxy for the plain class and the Spring context").hasSize(1);
        assertThat(recorded).hasSize(13);
        assertThat(recorded.get("dev.replay4j.springe2e.assistant.PlainScenario::rest_client_built_by_hand by hand"))
                .startsWith("Echo: Built by hand #");
        assertThat(recorded.values()).allMatch(v -> !v.isEmpty());
        String first = recorded.get("dev.replay4j.springe2e.assistant.AssistantScenario::same_prompt same");
        String second = recorded.get("dev.replay4j.springe2e.assistant.SecondScenario::same_prompt same");
        assertThat(counter(first)).as("two calls of one prompt, two answers").isNotEqualTo(counter(second));
        assertThat(counter(recorded.get("dev.replay4j.springe2e.assistant.ConcurrentScenario::left same")))
                .isNotEqualTo(counter(recorded.get("dev.replay4j.springe2e.assistant.ConcurrentScenario::right same")));
        assertThat(recorded.get("dev.replay4j.springe2e.assistant.AssistantScenario::async_method async")).contains("(on task-");

        Map<String, String> files = ScenarioRuns.files(recordings);
        assertThat(files.keySet()).as("one folder per class, never percent-encoded")
                .allMatch(p -> p.startsWith("dev/replay4j/springe2e/assistant/"))
                .noneMatch(p -> p.contains("%"))
                .anyMatch(p -> p.startsWith("dev/replay4j/springe2e/assistant/AssistantScenario/"))
                .anyMatch(p -> p.startsWith("dev/replay4j/springe2e/assistant/SecondScenario/"))
                .anyMatch(p -> p.startsWith("dev/replay4j/springe2e/assistant/PlainScenario/"))
                .anyMatch(p -> p.startsWith("dev/replay4j/springe2e/assistant/ConcurrentScenario/"));
        assertThat(files.values()).as("test ids as they are").anyMatch(f -> f.contains("\"dev.replay4j.springe2e.assistant.SecondScenario::same_prompt\""));
        assertThat(files).hasSize(calls);

        Map<String, String> replayed = ScenarioRuns.run("replay", recordings, SCENARIOS);
        assertThat(replayed).isEqualTo(recorded);

        Map<String, String> again = ScenarioRuns.run("record-if-missing", recordings, SCENARIOS);
        assertThat(again).isEqualTo(recorded);
        assertThat(ScenarioRuns.files(recordings)).isEqualTo(files);
        assertThat(ContextStarts.count()).as("one cached context for three classes and three runs").isEqualTo(1);
    }

    private static String counter(String answer) {
        Matcher m = COUNTER.matcher(answer);
        assertThat(m.find()).as("a numbered answer: %s", answer).isTrue();
        return m.group(1);
    }
}

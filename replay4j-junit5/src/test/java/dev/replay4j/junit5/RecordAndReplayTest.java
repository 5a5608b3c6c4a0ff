// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.RecordingFiles;
import dev.replay4j.junit5.fixtures.ChatFixture;
import dev.replay4j.junit5.fixtures.ConfiguredInCodeFixture;
import dev.replay4j.junit5.fixtures.RedactingChatFixture;
import dev.replay4j.junit5.fixtures.Seen;
import dev.replay4j.junit5.fixtures.SequenceFixture;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;

@Timeout(60)
class RecordAndReplayTest {
    private static final String FOLDER = "dev/replay4j/junit5/fixtures/ChatFixture/";

    @TempDir
    Path recordings;
    private final FakeUpstream upstream = FakeUpstream.start();

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    @Test
    void records_each_test_in_the_class_folder_then_replays_with_the_upstream_stopped() {
        EngineExecutionResults recorded = Kit.run(Kit.record(recordings, upstream.url()), ChatFixture.class);

        assertThat(Kit.failures(recorded)).isEmpty();
        recorded.testEvents().assertStatistics(s -> s.started(4).succeeded(4));
        assertThat(upstream.calls()).isEqualTo(4);
        assertThat(RecordingFiles.names(recordings)).hasSize(4).allMatch(f -> f.startsWith(FOLDER) && f.endsWith(".json"));
        Map<String, String> recordedAnswers = new HashMap<>(Seen.ANSWERS);
        assertThat(recordedAnswers.get("dev.replay4j.junit5.fixtures.ChatFixture::chat")).contains("Echo: hello #");
        assertThat(recordedAnswers.get("dev.replay4j.junit5.fixtures.ChatFixture::ollamaChat")).contains("hi ollama");
        upstream.close();

        EngineExecutionResults replayed = Kit.run(Kit.replay(recordings), ChatFixture.class);

        assertThat(Kit.failures(replayed)).isEmpty();
        replayed.testEvents().assertStatistics(s -> s.started(4).succeeded(4));
        assertThat(Seen.ANSWERS.keySet()).isEqualTo(recordedAnswers.keySet());
        assertThat(Seen.ANSWERS.get("dev.replay4j.junit5.fixtures.ChatFixture::chat"))
                .contains(answerText(recordedAnswers.get("dev.replay4j.junit5.fixtures.ChatFixture::chat")));
    }

    @Test
    void the_same_question_twice_in_a_test_replays_both_answers_in_order() {
        String id = "dev.replay4j.junit5.fixtures.SequenceFixture::asksTwice";
        assertThat(Kit.failures(Kit.run(Kit.record(recordings, upstream.url()), SequenceFixture.class))).isEmpty();
        String recorded = Seen.ANSWERS.get(id);
        assertThat(recorded).isEqualTo("Echo: again #1 | Echo: again #2");
        assertThat(RecordingFiles.names(recordings)).hasSize(2);
        upstream.close();

        assertThat(Kit.failures(Kit.run(Kit.replay(recordings), SequenceFixture.class))).isEmpty();
        assertThat(Seen.ANSWERS.get(id)).isEqualTo(recorded);
    }

    @Test
    void a_replay_run_writes_a_usage_report_of_what_it_served(@TempDir Path target) throws Exception {
        Kit.run(Kit.record(recordings, upstream.url()), ChatFixture.class);
        upstream.close();
        Path usage = target.resolve("replay4j-usage.json");
        Map<String, String> parameters = new HashMap<>(Kit.replay(recordings));
        parameters.put("replay4j.usage", usage.toString());

        assertThat(Kit.failures(Kit.run(parameters, ChatFixture.class))).isEmpty();

        var report = dev.replay4j.internal.json.Json.parse(java.nio.file.Files.readAllBytes(usage));
        assertThat(report.get("mode").textValue()).isEqualTo("replay");
        assertThat(report.get("root").textValue()).isEqualTo(recordings.toAbsolutePath().normalize().toString());
        assertThat(report.get("served").findValuesAsText("file")).containsExactlyInAnyOrderElementsOf(RecordingFiles.names(recordings));
        assertThat(report.get("missed")).isEmpty();
    }

    @Test
    void two_proxies_on_one_recordings_root_write_one_report_with_the_usage_of_both(@TempDir Path target) throws Exception {
        Kit.run(Kit.record(recordings, upstream.url()), ChatFixture.class, RedactingChatFixture.class);
        upstream.close();
        assertThat(RecordingFiles.names(recordings)).hasSize(5);
        Path usage = target.resolve("replay4j-usage.json");
        Map<String, String> parameters = new HashMap<>(Kit.replay(recordings));
        parameters.put("replay4j.usage", usage.toString());

        assertThat(Kit.failures(Kit.run(parameters, ChatFixture.class, RedactingChatFixture.class))).isEmpty();

        var report = dev.replay4j.internal.json.Json.parse(java.nio.file.Files.readAllBytes(usage));
        assertThat(report.get("served").findValuesAsText("file")).containsExactlyInAnyOrderElementsOf(RecordingFiles.names(recordings));
    }

    @Test
    void record_if_missing_calls_the_upstream_only_for_requests_without_a_recording() {
        Kit.run(Kit.record(recordings, upstream.url()), DiscoverySelectors.selectMethod(ChatFixture.class, "chat",
                "dev.replay4j.junit5.Replay4jRuntime"));
        assertThat(upstream.calls()).isEqualTo(1);
        String first = answerText(Seen.ANSWERS.get("dev.replay4j.junit5.fixtures.ChatFixture::chat"));

        Map<String, String> parameters = new HashMap<>(Kit.record(recordings, upstream.url()));
        parameters.put("replay4j.mode", "record-if-missing");
        EngineExecutionResults results = Kit.run(parameters, ChatFixture.class);

        assertThat(Kit.failures(results)).isEmpty();
        assertThat(upstream.calls()).as("one call recorded before, three new ones now").isEqualTo(4);
        assertThat(upstream.calls("/v1/chat/completions")).isEqualTo(2);
        assertThat(Seen.ANSWERS.get("dev.replay4j.junit5.fixtures.ChatFixture::chat")).contains(first);
        assertThat(RecordingFiles.names(recordings)).hasSize(4);
    }

    @Test
    void the_builder_form_records_with_its_own_mode_upstream_and_redaction() {
        ConfiguredInCodeFixture.Where.recordings = recordings;
        ConfiguredInCodeFixture.Where.upstream = upstream.url();

        EngineExecutionResults results = Kit.run(Map.of(), ConfiguredInCodeFixture.class);

        assertThat(Kit.failures(results)).isEmpty();
        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(upstream.received().get(0).body()).as("the upstream gets the real value").contains("alice@example.com");
        assertThat(upstream.received().get(0).header("Authorization")).isEqualTo("Bearer " + ConfiguredInCodeFixture.CREDENTIAL);
        List<String> files = RecordingFiles.names(recordings);
        assertThat(files).singleElement().asString().startsWith("dev/replay4j/junit5/fixtures/ConfiguredInCodeFixture/");
        String file = RecordingFiles.read(recordings.resolve(files.get(0)));
        assertThat(file).contains("\"user\": \"<redacted>\"").doesNotContain("alice@example.com")
                .doesNotContain(ConfiguredInCodeFixture.CREDENTIAL);
    }

    /** {@code "content": "Echo: hello #1"} out of a chat completion. */
    private static String answerText(String body) {
        int at = body.indexOf("Echo: ");
        return body.substring(at, body.indexOf('"', at));
    }
}

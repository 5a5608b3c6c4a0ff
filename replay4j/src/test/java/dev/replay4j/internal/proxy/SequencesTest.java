// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.Mode;
import dev.replay4j.ReplayProxy;
import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.ChatBodies;
import dev.replay4j.fakeupstream.testing.Http;
import dev.replay4j.fakeupstream.testing.RecordingFiles;
import dev.replay4j.internal.json.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nth identical request of a test is its nth answer: recorded so, replayed in order, the last repeated. */
class SequencesTest {
    private static final String TEST = "com.acme.PollTest::polls";
    private static final String CHAT = ChatBodies.openAi("again?");

    @TempDir
    Path dir;

    private ReplayProxy proxy(Mode mode, FakeUpstream upstream) throws Exception {
        ReplayProxy.Builder b = ReplayProxy.builder().recordings(dir).mode(mode);
        if (upstream != null) {
            b.upstream(upstream.url());
        }
        return b.build().start();
    }

    private static String answer(ReplayProxy proxy) throws Exception {
        return Json.parse(Http.ok(proxy.baseUrl(TEST) + "/v1/chat/completions", CHAT).getBytes(StandardCharsets.UTF_8))
                .at("/choices/0/message/content").asText();
    }

    private static String status(ReplayProxy proxy, String batch) throws Exception {
        HttpResponse<String> r = Http.get(proxy.baseUrl(TEST) + "/v1/batches/" + batch);
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.parse(r.body().getBytes(StandardCharsets.UTF_8)).get("status").asText();
    }

    private static HttpResponse<String> reset(ReplayProxy proxy, String query) {
        return Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(proxy.url() + "/_replay4j/reset" + query))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
    }

    /** The file of the sequence's second answer, as recorded. */
    private Path secondAnswer() throws Exception {
        return RecordingFiles.all(dir).stream().filter(f -> f.getFileName().toString().endsWith(".2.json")).findFirst().orElseThrow();
    }

    private Map<String, String> files() throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (Path f : RecordingFiles.all(dir)) {
            out.put(dir.relativize(f).toString(), Files.readString(f));
        }
        return out;
    }

    @Test
    void the_same_prompt_twice_in_one_test_replays_both_answers_in_order_then_repeats_the_last() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            assertThat(answer(proxy)).isEqualTo("Echo: again? #1");
            assertThat(answer(proxy)).isEqualTo("Echo: again? #2");
        }
        List<String> names = RecordingFiles.names(dir);
        assertThat(names).hasSize(2);
        assertThat(names).anyMatch(n -> n.matches(".*/[0-9a-f]{64}\\.json")).anyMatch(n -> n.matches(".*/[0-9a-f]{64}\\.2\\.json"));
        try (ReplayProxy proxy = proxy(Mode.REPLAY, null)) {
            assertThat(answer(proxy)).isEqualTo("Echo: again? #1");
            assertThat(answer(proxy)).isEqualTo("Echo: again? #2");
            assertThat(answer(proxy)).as("past the end, the last repeats").isEqualTo("Echo: again? #2");
            assertThat(reset(proxy, "?test-id=" + PercentCoding.encode(TEST)).statusCode()).isEqualTo(200);
            assertThat(answer(proxy)).as("the test runs again").isEqualTo("Echo: again? #1");
            answer(proxy);
            assertThat(reset(proxy, "").statusCode()).isEqualTo(200);
            assertThat(answer(proxy)).isEqualTo("Echo: again? #1");
            assertThat(reset(proxy, "?test=x").statusCode()).isEqualTo(400);
            assertThat(Http.get(proxy.url() + "/_replay4j/reset").statusCode()).isEqualTo(405);
        }
    }

    @Test
    void an_answer_added_while_the_last_one_repeats_is_replayed_from_then_on() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            answer(proxy);
            answer(proxy);
        }
        Path second = secondAnswer();
        Path folder = second.getParent();
        // An old folder, whose time a proxy might trust to keep a sequence's count: only the files say what is there.
        Files.setLastModifiedTime(folder, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        try (ReplayProxy proxy = proxy(Mode.REPLAY, null)) {
            assertThat(answer(proxy)).isEqualTo("Echo: again? #1");
            assertThat(answer(proxy)).isEqualTo("Echo: again? #2");
            assertThat(answer(proxy)).as("past the end, counted").isEqualTo("Echo: again? #2");
            assertThat(answer(proxy)).isEqualTo("Echo: again? #2");

            Path third = second.resolveSibling(second.getFileName().toString().replace(".2.json", ".3.json"));
            Files.writeString(third, Files.readString(second).replace("Echo: again? #2", "Echo: again? #3"));
            assertThat(answer(proxy)).as("an answer added is replayed").isEqualTo("Echo: again? #3");

            Files.setLastModifiedTime(folder, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
            assertThat(answer(proxy)).isEqualTo("Echo: again? #3");
            Files.delete(third);
            Files.delete(second);
            assertThat(answer(proxy)).as("answers removed: the first is the last").isEqualTo("Echo: again? #1");
        }
    }

    @Test
    void a_sequence_with_a_gap_replays_the_answer_past_it_and_a_re_recording_removes_it() throws Exception {
        // A place in a sequence is taken before the upstream answers: a request whose recording failed leaves a gap.
        try (FakeUpstream upstream = FakeUpstream.start(); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            answer(proxy);
            answer(proxy);
            answer(proxy);
        }
        Path second = secondAnswer();
        Path third = second.resolveSibling(second.getFileName().toString().replace(".2.json", ".3.json"));
        Files.delete(second);
        Files.setLastModifiedTime(second.getParent(), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        try (ReplayProxy proxy = proxy(Mode.REPLAY, null)) {
            assertThat(answer(proxy)).isEqualTo("Echo: again? #1");
            assertThat(answer(proxy)).as("the gap: the last answer before it").isEqualTo("Echo: again? #1");
            assertThat(answer(proxy)).as("past the gap, the answer recorded there").isEqualTo("Echo: again? #3");
        }
        try (FakeUpstream upstream = FakeUpstream.start(); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            answer(proxy);
        }
        assertThat(third).as("a re-recording leaves no answer of the earlier run, past a gap either").doesNotExist();
    }

    @Test
    void a_polled_batch_replays_its_statuses_in_recorded_order() throws Exception {
        List<String> live = new ArrayList<>();
        String batch;
        try (FakeUpstream upstream = FakeUpstream.start(); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            String created = Http.ok(proxy.baseUrl(TEST) + "/v1/batches", "{\"input_file_id\": \"file-1\", \"endpoint\":"
                    + " \"/v1/chat/completions\", \"completion_window\": \"24h\"}");
            batch = Json.parse(created.getBytes(StandardCharsets.UTF_8)).get("id").asText();
            String s;
            do {
                s = status(proxy, batch);
                live.add(s);
            } while (!s.equals("completed"));
        }
        assertThat(live).containsExactly("in_progress", "finalizing", "completed");
        try (ReplayProxy proxy = proxy(Mode.REPLAY, null)) {
            Http.ok(proxy.baseUrl(TEST) + "/v1/batches", "{\"input_file_id\": \"file-1\", \"endpoint\":"
                    + " \"/v1/chat/completions\", \"completion_window\": \"24h\"}");
            List<String> replayed = new ArrayList<>();
            String s;
            do {
                s = status(proxy, batch);
                replayed.add(s);
            } while (!s.equals("completed") && replayed.size() < 10);
            assertThat(replayed).isEqualTo(live);
        }
    }

    @Test
    void two_identical_requests_at_once_are_both_recorded() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            FakeUpstream.StreamPause pause = upstream.pauseStreamsAfterFirstChunk();
            String stream = ChatBodies.openAiStreaming("together");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Callable<String> call = () -> new String(Http.postForStream(proxy.baseUrl(TEST) + "/v1/chat/completions", stream)
                        .body().readAllBytes(), StandardCharsets.UTF_8);
                Future<String> a = pool.submit(call);
                assertThat(pause.awaitFirstChunk()).isTrue();
                Future<String> b = pool.submit(call);
                while (upstream.calls() < 2) {
                    Thread.sleep(10);
                }
                pause.release();
                assertThat(a.get()).contains("[DONE]");
                assertThat(b.get()).contains("[DONE]");
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(RecordingFiles.names(dir)).hasSize(2);
    }

    @Test
    void a_re_recorded_test_leaves_no_stale_later_answers() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            answer(proxy);
            answer(proxy);
            answer(proxy);
        }
        assertThat(RecordingFiles.names(dir)).hasSize(3);
        try (FakeUpstream upstream = FakeUpstream.start(); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            answer(proxy);
        }
        assertThat(RecordingFiles.names(dir)).hasSize(1);
    }

    @Test
    void a_test_re_recorded_twice_by_one_proxy_leaves_no_later_answer_of_its_own_earlier_runs() throws Exception {
        // The folder is listed once per proxy: the later answers written after that listing must still be removed.
        try (FakeUpstream upstream = FakeUpstream.start(); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            for (int run = 0; run < 3; run++) {
                assertThat(reset(proxy, "?test-id=" + PercentCoding.encode(TEST)).statusCode()).isEqualTo(200);
                assertThat(answer(proxy)).endsWith("#" + (3 * run + 1));
                answer(proxy);
                answer(proxy);
                assertThat(RecordingFiles.names(dir)).as("run %d", run).hasSize(3);
            }
            assertThat(reset(proxy, "?test-id=" + PercentCoding.encode(TEST)).statusCode()).isEqualTo(200);
            answer(proxy);
        }
        assertThat(RecordingFiles.names(dir)).hasSize(1);
        try (ReplayProxy proxy = proxy(Mode.REPLAY, null)) {
            assertThat(answer(proxy)).isEqualTo("Echo: again? #10");
            assertThat(answer(proxy)).as("no later answer left from an earlier run").isEqualTo("Echo: again? #10");
        }
    }

    @Test
    void record_if_missing_replays_the_last_answer_past_the_end_and_a_second_run_changes_no_file() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            answer(proxy);
            answer(proxy);
        }
        Map<String, String> before = files();
        assertThat(before).hasSize(2);
        for (int run = 0; run < 2; run++) {
            try (FakeUpstream upstream = FakeUpstream.start(); ReplayProxy proxy = proxy(Mode.RECORD_IF_MISSING, upstream)) {
                assertThat(answer(proxy)).isEqualTo("Echo: again? #1");
                assertThat(answer(proxy)).isEqualTo("Echo: again? #2");
                assertThat(answer(proxy)).as("past the end: the last, nothing recorded").isEqualTo("Echo: again? #2");
                assertThat(upstream.calls()).isZero();
            }
        }
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void model_lists_are_not_sequences() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start().models("m-1"); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            assertThat(Http.get(proxy.baseUrl(TEST) + "/v1/models").statusCode()).isEqualTo(200);
            assertThat(Http.get(proxy.baseUrl(TEST) + "/v1/models").statusCode()).isEqualTo(200);
        }
        assertThat(RecordingFiles.names(dir)).hasSize(1).allMatch(n -> n.contains("models-"));
    }
}

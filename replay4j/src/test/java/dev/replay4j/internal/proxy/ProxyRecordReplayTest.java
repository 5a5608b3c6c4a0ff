// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.Layout;
import dev.replay4j.Mode;
import dev.replay4j.ReplayProxy;
import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.ReceivedRequest;
import dev.replay4j.fakeupstream.testing.ChatBodies;
import dev.replay4j.fakeupstream.testing.Http;
import dev.replay4j.fakeupstream.testing.RecordingFiles;
import dev.replay4j.internal.json.Json;
import dev.replay4j.verify.FileReport;
import dev.replay4j.verify.Verdict;
import dev.replay4j.verify.Verifier;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ProxyRecordReplayTest {
    private static final String TEST = "com.acme.chat.ChatTest::answers_in_latin";

    @TempDir
    Path dir;
    private FakeUpstream upstream;

    @BeforeEach
    void startUpstream() {
        upstream = FakeUpstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    private ReplayProxy proxy(Mode mode) throws Exception {
        ReplayProxy.Builder b = ReplayProxy.builder().recordings(dir).mode(mode);
        if (mode != Mode.REPLAY) {
            b.upstream(upstream.url());
        }
        return b.build().start();
    }

    @Test
    void a_recorded_chat_replays_with_the_upstream_gone_and_verifies_as_current() throws Exception {
        String recordedAnswer;
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            HttpResponse<String> r = Http.post(proxy.baseUrl(TEST) + "/v1/chat/completions", ChatBodies.openAi("Sun in latin?"));
            assertThat(r.statusCode()).isEqualTo(200);
            recordedAnswer = Json.parse(r.body()).at("/choices/0/message/content").textValue();
        }
        upstream.close();
        List<Path> files = RecordingFiles.all(dir);
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getParent()).isEqualTo(dir.resolve("com/acme/chat/ChatTest"));
        FileReport report = Verifier.verify(dir.relativize(files.get(0)).toString(), Files.readAllBytes(files.get(0)));
        assertThat(report.verdict()).isEqualTo(Verdict.CURRENT);
        String text = Files.readString(files.get(0));
        assertThat(text).contains("\"__type__\": \"openai.types.chat.chat_completion.ChatCompletion\"")
                .contains("\"id\": \"rec-" + report.key().substring(0, 12) + "\"").contains("\"created\": 0");

        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            HttpResponse<String> r = Http.post(proxy.baseUrl(TEST) + "/v1/chat/completions", ChatBodies.openAi("Sun in latin?"));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(Json.parse(r.body()).at("/choices/0/message/content").textValue()).isEqualTo(recordedAnswer);
            assertThat(r.headers().firstValue("X-Replay4j-Recording")).hasValueSatisfying(v -> assertThat(v).startsWith("com/acme/chat/ChatTest/"));
        }
    }

    @Test
    void the_test_id_keeps_two_tests_with_the_same_prompt_apart() throws Exception {
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            Http.post(proxy.baseUrl("com.acme.A::t") + "/v1/chat/completions", ChatBodies.openAi("same"));
            Http.post(proxy.url() + "/v1/chat/completions", ChatBodies.openAi("same"), "X-Replay4j-Test-Id", "com.acme.B%3A%3At");
        }
        assertThat(RecordingFiles.all(dir)).extracting(p -> dir.relativize(p.getParent()).toString())
                .containsExactlyInAnyOrder("com/acme/A", "com/acme/B");
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            assertThat(Http.post(proxy.baseUrl("com.acme.C::t") + "/v1/chat/completions", ChatBodies.openAi("same")).statusCode()).isEqualTo(404);
            assertThat(Http.post(proxy.baseUrl("com.acme.B::t") + "/v1/chat/completions", ChatBodies.openAi("same")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void record_if_missing_calls_the_upstream_only_for_new_requests() throws Exception {
        try (ReplayProxy proxy = proxy(Mode.RECORD_IF_MISSING)) {
            String url = proxy.baseUrl(TEST) + "/v1/chat/completions";
            Http.post(url, ChatBodies.openAi("one"));
            Http.post(url, ChatBodies.openAi("one"));
            Http.post(url, ChatBodies.openAi("two"));
            Http.post(url, ChatBodies.openAi("one"));
        }
        assertThat(upstream.calls()).isEqualTo(2);
        assertThat(RecordingFiles.all(dir)).hasSize(2);
    }

    @Test
    void a_stream_reaches_the_client_chunk_by_chunk_while_it_is_recorded() throws Exception {
        FakeUpstream.StreamPause pause = upstream.pauseStreamsAfterFirstChunk();
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            HttpResponse<InputStream> response = Http.postForStream(proxy.baseUrl(TEST) + "/v1/chat/completions", ChatBodies.openAiStreaming("stream it"));
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
            // The upstream holds the rest of the stream until we have the first chunk: a proxy that buffered
            // the whole answer would never deliver it, and the test would time out.
            String first = reader.readLine();
            assertThat(first).startsWith("data: ");
            assertThat(Json.parse(first.substring(6)).at("/choices/0/delta/role").textValue()).isEqualTo("assistant");
            assertThat(RecordingFiles.all(dir)).as("nothing is written before the stream completes").isEmpty();
            pause.release();
            List<String> rest = new ArrayList<>();
            for (String line; (line = reader.readLine()) != null; ) {
                rest.add(line);
            }
            assertThat(rest).contains("data: [DONE]");
        }
        List<Path> files = RecordingFiles.all(dir);
        assertThat(files).hasSize(1);
        JsonNode stored = Json.parse(Files.readAllBytes(files.get(0)));
        assertThat(stored.at("/response/is_streaming").booleanValue()).isTrue();
        assertThat(stored.at("/response/body")).hasSize(4);
        assertThat(stored.at("/response/body/0/__type__").textValue()).isEqualTo("openai.types.chat.chat_completion_chunk.ChatCompletionChunk");

        upstream.close();
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            HttpResponse<String> r = Http.post(proxy.baseUrl(TEST) + "/v1/chat/completions", ChatBodies.openAiStreaming("stream it"));
            assertThat(r.headers().firstValue("content-type")).contains("text/event-stream");
            List<String> events = r.body().lines().filter(l -> l.startsWith("data: ")).toList();
            assertThat(events).hasSize(5).last().isEqualTo("data: [DONE]");
            StringBuilder answer = new StringBuilder();
            for (String e : events.subList(0, 4)) {
                answer.append(Json.parse(e.substring(6)).at("/choices/0/delta/content").asText(""));
            }
            assertThat(answer.toString()).isEqualTo("Echo: stream it #1");
        }
    }

    @Test
    void an_ollama_stream_is_recorded_and_replayed_as_ndjson() throws Exception {
        String body = ChatBodies.ollama("hi");
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            HttpResponse<String> r = Http.post(proxy.baseUrl(TEST) + "/api/chat", body);
            assertThat(r.body().lines()).hasSize(3);
        }
        Path file = RecordingFiles.all(dir).get(0);
        String text = Files.readString(file);
        assertThat(text).contains("\"__type__\": \"ollama._types.ChatResponse\"")
                .contains("\"created_at\": \"1970-01-01T00:00:00.000000Z\"").contains("\"total_duration\": 0");
        upstream.close();
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            HttpResponse<String> r = Http.post(proxy.baseUrl(TEST) + "/api/chat", body);
            assertThat(r.headers().firstValue("content-type")).contains("application/x-ndjson");
            List<String> lines = r.body().lines().toList();
            assertThat(lines).hasSize(3);
            assertThat(Json.parse(lines.get(0)).at("/message/content").textValue()).isEqualTo("Echo: ");
            assertThat(Json.parse(lines.get(2)).get("done").booleanValue()).isTrue();
        }
    }

    @Test
    void an_upstream_error_is_recorded_and_replayed_with_its_status_and_body() throws Exception {
        upstream.failNext(400, "invalid image input");
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            HttpResponse<String> r = Http.post(proxy.baseUrl(TEST) + "/v1/chat/completions", ChatBodies.openAi("please fail"));
            assertThat(r.statusCode()).isEqualTo(400);
        }
        assertThat(Files.readString(RecordingFiles.all(dir).get(0))).contains("\"is_exception\": true").contains("\"status_code\": 400");
        upstream.close();
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            HttpResponse<String> r = Http.post(proxy.baseUrl(TEST) + "/v1/chat/completions", ChatBodies.openAi("please fail"));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Json.parse(r.body()).at("/error/message").textValue()).isEqualTo("invalid image input");
        }
    }

    @Test
    void a_miss_explains_itself_in_the_api_error_shape() throws Exception {
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            Http.post(proxy.baseUrl(TEST) + "/v1/chat/completions", ChatBodies.openAi("What is the name of the Sun in latin?"));
        }
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            HttpResponse<String> r = Http.post(proxy.baseUrl(TEST) + "/v1/chat/completions", ChatBodies.openAi("What is the name of the Moon in latin?"));
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue("X-Replay4j-Miss")).contains("true");
            String message = Json.parse(r.body()).at("/error/message").textValue();
            assertThat(message)
                    .contains("no recording for POST /v1/chat/completions (mode replay, test id " + TEST + ")")
                    .containsPattern("key: [0-9a-f]{64}")
                    .contains(dir.resolve("com/acme/chat/ChatTest").toString())
                    .contains(dir.resolve("_shared").toString() + " (missing)")
                    .contains("nearest recording: com/acme/chat/ChatTest/")
                    .contains("- messages[0].content: \"What is the name of the Sun in latin?\"")
                    .contains("+ messages[0].content: \"What is the name of the Moon in latin?\"")
                    .contains("record-if-missing");
            assertThat(upstream.calls()).isEqualTo(1);
            assertThat(proxy.takeMisses(TEST)).containsExactly(message);
            assertThat(proxy.takeMisses(TEST)).as("taken once").isEmpty();
            assertThat(proxy.takeMisses("com.acme.Other::t")).isEmpty();
        }
    }

    @Test
    void credentials_and_redacted_fields_never_reach_the_disk_and_the_file_still_verifies() throws Exception {
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD).upstream(upstream.url())
                .redactField("api_secret").redactHeader("X-Org-Id").build().start()) {
            String body = "{\"model\":\"gpt-test\",\"api_secret\":\"sk-body-123\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            HttpResponse<String> r = Http.post(proxy.baseUrl(TEST) + "/v1/chat/completions?key=AIzaQUERYSECRET&alt=json", body,
                    "Authorization", "Bearer sk-live-abc", "x-api-key", "sk-ant-xyz", "api-key", "azure-key-1",
                    "X-Org-Id", "org-secret-9", "Cookie", "session=cookie-secret", "X-Custom-Token", "tok-777",
                    "X-Trace", "kept-header");
            assertThat(r.statusCode()).isEqualTo(200);
            // The upstream got every credential, and the real body.
            ReceivedRequest got = upstream.received().get(0);
            assertThat(got.header("Authorization")).isEqualTo("Bearer sk-live-abc");
            assertThat(got.header("X-Org-Id")).isEqualTo("org-secret-9");
            assertThat(got.query()).isEqualTo("key=AIzaQUERYSECRET&alt=json");
            assertThat(got.body()).contains("sk-body-123");
        }
        Path file = RecordingFiles.all(dir).get(0);
        String text = Files.readString(file);
        for (String secret : List.of("sk-live-abc", "sk-ant-xyz", "azure-key-1", "org-secret-9", "cookie-secret", "tok-777", "sk-body-123", "AIzaQUERYSECRET")) {
            assertThat(text).as("the recording holds " + secret).doesNotContain(secret);
        }
        assertThat(text).contains("\"api_secret\": \"<redacted>\"").contains("\"x-trace\": \"kept-header\"")
                .contains("?key=<redacted>&alt=json");
        assertThat(Verifier.verify(dir.relativize(file).toString(), Files.readAllBytes(file)).verdict()).isEqualTo(Verdict.CURRENT);

        // Replay redacts the same field before computing the key, so the request finds its recording.
        upstream.close();
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).redactField("api_secret").build().start()) {
            String body = "{\"model\":\"gpt-test\",\"api_secret\":\"another-value\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            assertThat(Http.post(proxy.baseUrl(TEST) + "/v1/chat/completions", body).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void model_lists_from_two_servers_are_shared_by_all_tests_and_merged() throws Exception {
        try (FakeUpstream other = FakeUpstream.start()) {
            upstream.models("gpt-b", "gpt-a");
            other.models("llama3", "gpt-a");
            for (FakeUpstream server : List.of(upstream, other)) {
                try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD).upstream(server.url()).build().start()) {
                    HttpResponse<String> r = Http.get(proxy.baseUrl("com.acme.X::t") + "/v1/models");
                    assertThat(r.statusCode()).isEqualTo(200);
                }
            }
        }
        assertThat(RecordingFiles.all(dir)).hasSize(2).allSatisfy(p -> {
            assertThat(p.getParent()).isEqualTo(dir.resolve("_shared"));
            assertThat(p.getFileName().toString()).startsWith("models-");
        });
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            HttpResponse<String> r = Http.get(proxy.baseUrl("com.acme.Other::t") + "/v1/models");
            JsonNode list = Json.parse(r.body());
            assertThat(list.get("object").textValue()).isEqualTo("list");
            // One entry per id, where it first appears, reading the lists in file-name order (llama-stack's dict).
            List<String> expected = new ArrayList<>();
            for (Path file : RecordingFiles.all(dir).stream().sorted().toList()) {
                for (JsonNode model : Json.parse(Files.readString(file)).at("/response/body")) {
                    String id = model.at("/__data__/id").textValue();
                    if (!expected.contains(id)) {
                        expected.add(id);
                    }
                }
            }
            assertThat(list.get("data").findValuesAsText("id")).containsExactlyElementsOf(expected)
                    .containsExactlyInAnyOrder("gpt-a", "gpt-b", "llama3");
        }
    }

    @Test
    void an_unsorted_model_list_replays_in_its_recorded_order() throws Exception {
        upstream.models("m-c", "m-a", "m-b");
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            assertThat(Http.get(proxy.baseUrl(TEST) + "/v1/models").statusCode()).isEqualTo(200);
        }
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            JsonNode list = Json.parse(Http.get(proxy.baseUrl("com.acme.Other::t") + "/v1/models").body());
            assertThat(list.get("data").findValuesAsText("id")).containsExactly("m-c", "m-a", "m-b");
        }
    }

    @Test
    void the_llama_stack_model_list_path_is_recorded_and_replayed_as_a_model_list() throws Exception {
        upstream.models("gpt-a");
        String path = "/v1/openai/v1/models";
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            assertThat(Http.get(proxy.url() + path).statusCode()).isEqualTo(200);
        }
        assertThat(RecordingFiles.all(dir)).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).startsWith("models-"));
        upstream.close();
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            HttpResponse<String> r = Http.get(proxy.baseUrl(TEST) + path);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(Json.parse(r.body()).get("data").findValuesAsText("id")).containsExactly("gpt-a");
        }
    }

    @Test
    void changing_the_builder_after_build_does_not_change_the_proxy_it_built() throws Exception {
        ReplayProxy.Builder builder = ReplayProxy.builder().recordings(dir);
        try (ReplayProxy proxy = builder.build().start()) {
            builder.upstream(upstream.url()).mode(Mode.RECORD);
            assertThat(proxy.mode()).isEqualTo(Mode.REPLAY);
            assertThat(Http.post(proxy.url() + "/v1/chat/completions", ChatBodies.openAi("q")).statusCode()).isEqualTo(404);
            assertThat(upstream.calls()).isZero();
        }
    }

    @Test
    void a_port_in_use_fails_start_with_the_reason() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ReplayProxy proxy = ReplayProxy.builder().recordings(dir).port(taken.getLocalPort()).build();
            assertThatThrownBy(proxy::start).isInstanceOf(java.io.IOException.class);
            assertThat(proxy.toString()).contains("not started");
        }
    }

    @Test
    void parallel_clients_recording_at_once_each_get_their_own_whole_recording() throws Exception {
        int clients = 24;
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int n = i;
                results.add(pool.submit(() -> Http.post(proxy.baseUrl("com.acme.P::t" + (n % 3)) + "/v1/chat/completions",
                        n % 2 == 0 ? ChatBodies.openAiStreaming("prompt " + n) : ChatBodies.openAi("prompt " + n)).statusCode()));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(200);
            }
            pool.shutdown();
        }
        List<Path> files = RecordingFiles.all(dir);
        assertThat(files).hasSize(clients);
        for (Path f : files) {
            assertThat(Verifier.verify(dir.relativize(f).toString(), Files.readAllBytes(f)).verdict()).isEqualTo(Verdict.CURRENT);
        }
    }

    @Test
    void record_mode_without_an_upstream_is_a_configuration_error() {
        assertThatThrownBy(() -> ReplayProxy.builder().recordings(dir).mode(Mode.RECORD).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("upstream");
    }

    @Test
    void live_mode_passes_through_and_stores_nothing() throws Exception {
        try (ReplayProxy proxy = proxy(Mode.LIVE)) {
            assertThat(Http.post(proxy.url() + "/v1/chat/completions", ChatBodies.openAi("live")).body()).contains("Echo: live #1");
        }
        assertThat(RecordingFiles.all(dir)).isEmpty();
    }

    @Test
    void the_proxy_reports_its_state_and_refuses_use_before_start() {
        ReplayProxy proxy = ReplayProxy.builder().recordings(dir).layout(Layout.JAVA).build();
        assertThat(proxy.toString()).contains("not started").contains("mode replay");
        assertThatThrownBy(proxy::url).hasMessageContaining("call start() first");
        proxy.close();
        proxy.close();
    }
}

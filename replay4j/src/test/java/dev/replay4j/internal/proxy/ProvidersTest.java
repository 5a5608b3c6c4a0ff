// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.ApiFamily;
import dev.replay4j.Mode;
import dev.replay4j.ReplayProxy;
import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.Http;
import dev.replay4j.fakeupstream.testing.RecordingFiles;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.recording.EventFrame;
import dev.replay4j.verify.Verdict;
import dev.replay4j.verify.Verifier;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Gemini, Bedrock, Azure OpenAI and the per-family model lists, through the proxy against the fake upstream. */
@Timeout(60)
class ProvidersTest {
    private static final String TEST = "com.acme.chat.ProvidersTest::calls";
    private static final String GOOGLE_KEY = "AIzaFAKE-google-key-123";

    @TempDir
    Path dir;
    FakeUpstream upstream;

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

    private static String gemini(String text) {
        return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + text + "\"}]}]}";
    }

    @Test
    void gemini_model_list_pages_are_keyed_apart_and_replay_in_geminis_shape() throws Exception {
        upstream.models("gemini-a", "gemini-b", "gemini-c");
        List<String> recorded = new ArrayList<>();
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD).upstream(ApiFamily.GEMINI, upstream.url())
                .build().start()) {
            recorded.add(Http.get(proxy.baseUrl(TEST) + "/v1/models?pageSize=2", "x-goog-api-key", GOOGLE_KEY).body());
            recorded.add(Http.get(proxy.baseUrl(TEST) + "/v1/models?pageSize=2&pageToken=page-2", "x-goog-api-key", GOOGLE_KEY).body());
        }
        assertThat(RecordingFiles.all(dir)).as("page 2 does not overwrite page 1").hasSize(2);
        String files = String.join("\n", RecordingFiles.all(dir).stream().map(RecordingFiles::read).toList());
        assertThat(files).contains("pageToken=page-2").doesNotContain(GOOGLE_KEY);
        upstream.close();
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            JsonNode page1 = Json.parse(Http.get(proxy.baseUrl(TEST) + "/v1/models?pageSize=2", "x-goog-api-key", "other").body());
            assertThat(page1.get("models").findValuesAsText("name")).containsExactly("models/gemini-a", "models/gemini-b");
            assertThat(page1.get("nextPageToken").textValue()).isEqualTo("page-2");
            JsonNode page2 = Json.parse(Http.get(proxy.baseUrl(TEST) + "/v1/models?pageToken=page-2&pageSize=2",
                    "x-goog-api-key", "other").body());
            assertThat(page2.get("models").findValuesAsText("name")).containsExactly("models/gemini-c");
            assertThat(page2.has("nextPageToken")).isFalse();
        }
        for (Path file : RecordingFiles.all(dir)) {
            assertThat(Verifier.verify(dir.relativize(file).toString(), Files.readAllBytes(file)).verdict()).isEqualTo(Verdict.CURRENT);
        }
    }

    @Test
    void anthropic_model_list_keeps_its_ids_and_is_not_answered_to_openai() throws Exception {
        upstream.models("claude-b", "claude-a");
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            assertThat(Http.get(proxy.baseUrl(TEST) + "/v1/models", "anthropic-version", "2023-06-01").statusCode()).isEqualTo(200);
        }
        upstream.close();
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            JsonNode list = Json.parse(Http.get(proxy.baseUrl(TEST) + "/v1/models", "anthropic-version", "2023-06-01").body());
            assertThat(list.get("data").findValuesAsText("id")).containsExactly("claude-b", "claude-a");
            assertThat(list.get("data").findValuesAsText("type")).containsOnly("model");
            assertThat(list.get("has_more").booleanValue()).isFalse();
            assertThat(list.get("first_id").textValue()).isEqualTo("claude-b");
            HttpResponse<String> openAi = Http.get(proxy.baseUrl(TEST) + "/v1/models");
            assertThat(openAi.statusCode()).as("OpenAI's list is another family's").isEqualTo(404);
        }
    }

    @Test
    void gemini_generate_and_both_streams_record_and_replay_without_the_api_key() throws Exception {
        String base = "/v1beta/models/gemini-test:";
        List<String> recorded = new ArrayList<>();
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            recorded.add(Http.ok(proxy.baseUrl(TEST) + base + "generateContent?key=" + GOOGLE_KEY, gemini("hello")));
            recorded.add(Http.ok(proxy.baseUrl(TEST) + base + "streamGenerateContent?alt=sse", gemini("hello"), "x-goog-api-key", GOOGLE_KEY));
            recorded.add(Http.ok(proxy.baseUrl(TEST) + base + "streamGenerateContent", gemini("hello"), "x-goog-api-key", GOOGLE_KEY));
        }
        assertThat(recorded.get(1)).startsWith("data: {").contains("Echo: ");
        assertThat(Json.parse(recorded.get(2)).isArray()).isTrue();
        assertThat(RecordingFiles.all(dir)).as("alt=sse is part of the key").hasSize(3);
        for (Path file : RecordingFiles.all(dir)) {
            assertThat(RecordingFiles.read(file)).doesNotContain(GOOGLE_KEY);
        }
        upstream.close();
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            String one = Http.ok(proxy.baseUrl(TEST) + base + "generateContent?key=another-key", gemini("hello"));
            assertThat(Json.parse(one)).isEqualTo(Json.parse(recorded.get(0)));
            HttpResponse<String> sse = Http.post(proxy.baseUrl(TEST) + base + "streamGenerateContent?alt=sse", gemini("hello"));
            assertThat(sse.headers().firstValue("content-type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/event-stream"));
            assertThat(dataLines(sse.body())).isEqualTo(dataLines(recorded.get(1)));
            assertThat(Json.parse(Http.ok(proxy.baseUrl(TEST) + base + "streamGenerateContent", gemini("hello"))))
                    .isEqualTo(Json.parse(recorded.get(2)));
            // A query parameter keyed since this rule came (alt) still finds a recording made without it.
            assertThat(Http.post(proxy.baseUrl(TEST) + base + "generateContent?alt=json", gemini("hello")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_vertex_ai_publisher_model_path_records_and_replays_as_gemini() throws Exception {
        String path = "/v1/projects/my-project/locations/us-central1/publishers/google/models/gemini-test:generateContent";
        String recorded;
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD).upstream(ApiFamily.GEMINI, upstream.url())
                .build().start()) {
            recorded = Http.ok(proxy.baseUrl(TEST) + path, gemini("hello"), "Authorization", "Bearer ya29.vertex-token");
        }
        assertThat(RecordingFiles.read(RecordingFiles.all(dir).get(0))).doesNotContain("ya29.vertex-token");
        upstream.close();
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).upstream(ApiFamily.GEMINI, upstream.url()).build().start()) {
            assertThat(Json.parse(Http.ok(proxy.baseUrl(TEST) + path, gemini("hello")))).isEqualTo(Json.parse(recorded));
            HttpResponse<String> miss = Http.post(proxy.baseUrl(TEST) + path, gemini("other"));
            assertThat(Json.parse(miss.body()).at("/error/status").textValue()).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void a_gemini_miss_is_answered_in_googles_error_shape() throws Exception {
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            HttpResponse<String> r = Http.post(proxy.baseUrl(TEST) + "/v1beta/models/gemini-test:generateContent", gemini("new"));
            assertThat(r.statusCode()).isEqualTo(404);
            JsonNode error = Json.parse(r.body()).get("error");
            assertThat(error.get("code").intValue()).isEqualTo(404);
            assertThat(error.get("status").textValue()).isEqualTo("NOT_FOUND");
            assertThat(error.get("message").textValue()).contains("/v1beta/models/gemini-test:generateContent");
        }
    }

    private static final String CONVERSE = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hello\"}]}]}";
    private static final String[] SIGV4 = {"Authorization", "AWS4-HMAC-SHA256 Credential=AKIAFAKE/20260101/us-east-1/bedrock/aws4_request",
        "X-Amz-Date", "20260101T000000Z", "X-Amz-Security-Token", "session-token-secret", "X-Amz-Content-Sha256", "abc123",
        "amz-sdk-invocation-id", "0f0e-invocation", "amz-sdk-request", "attempt=1; max=4"};

    @Test
    void a_bedrock_event_stream_is_recorded_frame_by_frame_and_replayed_as_valid_frames() throws Exception {
        String path = "/model/anthropic.claude-test-v1%3A0/converse-stream";
        byte[] live;
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            live = postBytes(proxy.baseUrl(TEST) + path, CONVERSE, SIGV4);
        }
        List<EventFrame> recordedFrames = frames(live);
        assertThat(recordedFrames).extracting(f -> f.header(":event-type"))
                .containsExactly("messageStart", "contentBlockDelta", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata");
        Path file = RecordingFiles.all(dir).get(0);
        String text = RecordingFiles.read(file);
        assertThat(text).contains("\":event-type\": \"contentBlockDelta\"").contains("\"text\": \"Echo: \"")
                .doesNotContain("AKIAFAKE").doesNotContain("session-token-secret").doesNotContainIgnoringCase("x-amz-date")
                .doesNotContainIgnoringCase("x-amz-content-sha256").doesNotContain("amz-sdk-invocation-id").doesNotContain("amz-sdk-request");
        assertThat(Verifier.verify(dir.relativize(file).toString(), Files.readAllBytes(file)).verdict()).isEqualTo(Verdict.CURRENT);
        upstream.close();
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            HttpResponse<byte[]> r = Http.send(HttpRequest.newBuilder(java.net.URI.create(proxy.baseUrl(TEST) + path))
                    .POST(HttpRequest.BodyPublishers.ofString(CONVERSE)), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.headers().firstValue("content-type")).hasValue("application/vnd.amazon.eventstream");
            assertThat(r.body()).as("the same frames, byte for byte").isEqualTo(live);
        }
    }

    @Test
    void a_bedrock_event_stream_reaches_the_client_frame_by_frame_while_it_is_recorded() throws Exception {
        FakeUpstream.StreamPause pause = upstream.pauseStreamsAfterFirstChunk();
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            HttpResponse<InputStream> r = Http.send(HttpRequest.newBuilder(java.net.URI.create(proxy.baseUrl(TEST)
                    + "/model/m/converse-stream")).POST(HttpRequest.BodyPublishers.ofString(CONVERSE)), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                EventFrame first = EventFrame.read(in);
                assertThat(first.header(":event-type")).as("while the upstream holds the rest").isEqualTo("messageStart");
                assertThat(RecordingFiles.all(dir)).isEmpty();
                pause.release();
                in.readAllBytes();
            }
        }
        assertThat(RecordingFiles.all(dir)).hasSize(1);
    }

    @Test
    void bedrock_converse_and_invoke_replay_and_a_miss_names_its_type_in_the_aws_header() throws Exception {
        String invoke = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String converse;
        String invoked;
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            converse = Http.ok(proxy.baseUrl(TEST) + "/model/m/converse", CONVERSE, SIGV4);
            invoked = Http.ok(proxy.baseUrl(TEST) + "/model/m/invoke", invoke, SIGV4);
        }
        upstream.close();
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            assertThat(Http.ok(proxy.baseUrl(TEST) + "/model/m/converse", CONVERSE, "X-Amz-Date", "20270101T000000Z"))
                    .as("the signature's headers are not checked").isEqualTo(converse);
            assertThat(Json.parse(Http.ok(proxy.baseUrl(TEST) + "/model/m/invoke", invoke)).at("/content/0/text").textValue())
                    .isEqualTo(Json.parse(invoked).at("/content/0/text").textValue());
            HttpResponse<String> miss = Http.post(proxy.baseUrl(TEST) + "/model/m/converse", CONVERSE.replace("hello", "new"));
            assertThat(miss.statusCode()).isEqualTo(404);
            assertThat(miss.headers().firstValue("x-amzn-ErrorType")).hasValue("replay4j_recording_not_found");
            assertThat(Json.parse(miss.body()).get("message").textValue()).contains("/model/m/converse");
        }
    }

    @Test
    void an_azure_deployment_url_keys_its_api_version_and_never_writes_the_api_key() throws Exception {
        String path = "/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21";
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String recorded;
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            recorded = Http.ok(proxy.baseUrl(TEST) + path, body, "api-key", "azure-secret-key");
        }
        Path file = RecordingFiles.all(dir).get(0);
        assertThat(RecordingFiles.read(file)).doesNotContain("azure-secret-key").contains("api-version=2024-10-21")
                .contains("openai.types.chat.chat_completion.ChatCompletion");
        upstream.close();
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            assertThat(Json.parse(Http.ok(proxy.baseUrl(TEST) + path, body)).at("/choices/0/message/content"))
                    .isEqualTo(Json.parse(recorded).at("/choices/0/message/content"));
            assertThat(Http.post(proxy.baseUrl(TEST) + path.replace("2024-10-21", "2025-01-01"), body).statusCode())
                    .as("another API version is another answer").isEqualTo(404);
        }
    }

    @Test
    void the_ogx_header_names_the_test_first_and_is_never_written() throws Exception {
        String ogx = "{\"__test_id\": \"com.acme.chat.OgxTest::first\", \"openai_api_key\": \"sk-ogx-secret\"}";
        String llama = "{\"__test_id\": \"com.acme.chat.OgxTest::second\"}";
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            Http.ok("http://127.0.0.1:" + proxy.port() + "/v1/chat/completions", "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    "X-OGX-Provider-Data", ogx, "X-LlamaStack-Provider-Data", llama);
        }
        Path file = RecordingFiles.all(dir).get(0);
        assertThat(dir.relativize(file).toString()).startsWith("com/acme/chat/OgxTest/");
        assertThat(RecordingFiles.read(file)).contains("\"test_id\": \"com.acme.chat.OgxTest::first\"").doesNotContain("sk-ogx-secret")
                .doesNotContainIgnoringCase("x-ogx-provider-data");
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            HttpResponse<String> bad = Http.post("http://127.0.0.1:" + proxy.port() + "/v1/chat/completions", "{}", "X-OGX-Provider-Data", "not json");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("X-OGX-Provider-Data is not a JSON object");
        }
    }

    @Test
    void an_h2c_upgrade_is_declined_and_http_1_1_goes_on() throws Exception {
        try (ReplayProxy proxy = proxy(Mode.RECORD); Socket socket = new Socket("127.0.0.1", proxy.port())) {
            String body = "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                    + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new String(socket.getInputStream().readNBytes(15), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 200 OK");
        }
        assertThat(upstream.received().get(0).headers().keySet()).noneMatch(h -> h.equalsIgnoreCase("upgrade"));
    }

    @Test
    void a_prior_knowledge_http2_preface_is_answered_and_closed_not_left_hanging() throws Exception {
        // The JDK's server answers "PRI *" itself, before any handler sees it: replay4j cannot name the problem in
        // the answer, so the README says how to switch such a client to HTTP/1.1. What it can be held to: the
        // client gets an answer and a closed connection at once, not a hang until its timeout.
        try (ReplayProxy proxy = proxy(Mode.REPLAY); Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 ").contains("Connection: close");
        }
    }

    private static List<String> dataLines(String sse) {
        return sse.lines().filter(l -> l.startsWith("data:")).toList();
    }

    private static byte[] postBytes(String url, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(java.net.URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<byte[]> r = Http.send(b, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static List<EventFrame> frames(byte[] bytes) throws Exception {
        List<EventFrame> out = new ArrayList<>();
        InputStream in = new ByteArrayInputStream(bytes);
        for (EventFrame f = EventFrame.read(in); f != null; f = EventFrame.read(in)) {
            out.add(f);
        }
        return out;
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.Mode;
import dev.replay4j.ReplayProxy;
import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.ChatBodies;
import dev.replay4j.fakeupstream.testing.Http;
import dev.replay4j.fakeupstream.testing.RecordingFiles;
import dev.replay4j.internal.json.Json;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bodies of every kind, compression, statuses and answer headers: recorded, then replayed with the upstream gone. */
class ExchangeKindsTest {
    private static final String TEST = "com.acme.AudioTest::speaks";

    @TempDir
    Path dir;

    private ReplayProxy proxy(Mode mode, FakeUpstream upstream) throws Exception {
        ReplayProxy.Builder b = ReplayProxy.builder().recordings(dir).mode(mode).maxBodyBytes(64 * 1024);
        if (upstream != null) {
            b.upstream(upstream.url());
        }
        return b.build().start();
    }

    private static HttpResponse<byte[]> send(ReplayProxy proxy, String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(proxy.baseUrl(TEST) + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return Http.send(r, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] form(String boundary, String model, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n" + model + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hello.mp3\"\r\n"
                + "Content-Type: audio/mpeg\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    private JsonNode onlyRecording() throws Exception {
        List<Path> files = RecordingFiles.all(dir);
        assertThat(files).hasSize(1);
        return Json.parse(Files.readAllBytes(files.get(0)));
    }

    @Test
    void audio_bytes_replay_identical_with_their_content_type() throws Exception {
        byte[] speech = "{\"model\": \"tts-1\", \"input\": \"hello\", \"voice\": \"alloy\"}".getBytes(StandardCharsets.UTF_8);
        byte[] recorded;
        try (FakeUpstream upstream = FakeUpstream.start(); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            HttpResponse<byte[]> r = send(proxy, "POST", "/v1/audio/speech", speech, "Content-Type", "application/json");
            assertThat(r.statusCode()).isEqualTo(200);
            recorded = r.body();
        }
        assertThat(recorded).hasSize(2062);
        JsonNode file = onlyRecording();
        assertThat(file.at("/response/body_encoding").asText()).isEqualTo("base64");
        assertThat(file.at("/response/headers/content-type").asText()).isEqualTo("audio/mpeg");
        assertThat(Files.readString(RecordingFiles.all(dir).get(0))).doesNotContain("\\ufffd");
        try (ReplayProxy proxy = proxy(Mode.REPLAY, null)) {
            HttpResponse<byte[]> r = send(proxy, "POST", "/v1/audio/speech", speech, "Content-Type", "application/json");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(recorded);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
        }
    }

    @Test
    void an_upload_replays_under_another_boundary() throws Exception {
        byte[] audio = {(byte) 0xFF, (byte) 0xFB, 0, 1, 2, (byte) 0x80, 3};
        String first;
        try (FakeUpstream upstream = FakeUpstream.start(); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            HttpResponse<byte[]> r = send(proxy, "POST", "/v1/audio/transcriptions", form("AaB03x", "whisper-1", audio),
                    "Content-Type", "multipart/form-data; boundary=AaB03x");
            assertThat(r.statusCode()).isEqualTo(200);
            first = new String(r.body(), StandardCharsets.UTF_8);
        }
        JsonNode file = onlyRecording();
        assertThat(file.at("/request/body/__form__/model").asText()).isEqualTo("whisper-1");
        assertThat(file.at("/request/body/__form__/file/size").asInt()).isEqualTo(audio.length);
        assertThat(file.at("/request/headers/content-type").asText()).isEqualTo("multipart/form-data");
        try (ReplayProxy proxy = proxy(Mode.REPLAY, null)) {
            HttpResponse<byte[]> r = send(proxy, "POST", "/v1/audio/transcriptions", form("other-boundary-42", "whisper-1", audio),
                    "Content-Type", "multipart/form-data; boundary=other-boundary-42");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(first);
            audio[3] = 9; // other bytes in the file: another request
            HttpResponse<byte[]> other = send(proxy, "POST", "/v1/audio/transcriptions", form("b", "whisper-1", audio),
                    "Content-Type", "multipart/form-data; boundary=b");
            assertThat(other.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void a_truncated_form_or_a_part_without_name_gets_400_and_nothing_is_forwarded() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            byte[] whole = form("xyz", "whisper-1", new byte[] {1, 2, 3});
            byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 12);
            HttpResponse<byte[]> r = send(proxy, "POST", "/v1/audio/transcriptions", cut,
                    "Content-Type", "multipart/form-data; boundary=xyz");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("X-Replay4j-Error")).hasValue("replay4j_bad_multipart");
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("before its closing boundary");
            byte[] nameless = "--xyz\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n--xyz--\r\n".getBytes(StandardCharsets.UTF_8);
            r = send(proxy, "POST", "/v1/audio/transcriptions", nameless, "Content-Type", "multipart/form-data; boundary=xyz");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("part 1 of the multipart body has no name");
            assertThat(upstream.calls()).isZero();
            assertThat(RecordingFiles.all(dir)).isEmpty();
        }
    }

    @Test
    void a_gzip_answer_sent_unasked_reaches_the_client_decoded_and_is_recorded_decoded() throws Exception {
        String chat = ChatBodies.openAi("zip?");
        String live;
        try (FakeUpstream upstream = FakeUpstream.start().gzipAnswers(); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            HttpResponse<byte[]> r = send(proxy, "POST", "/v1/chat/completions", chat.getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/json");
            assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
            live = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(Json.parse(r.body()).at("/choices/0/message/content").asText()).startsWith("Echo: zip?");
        }
        assertThat(onlyRecording().at("/response/body/__data__/object").asText()).isEqualTo("chat.completion");
        assertThat(onlyRecording().at("/response").has("headers")).as("a JSON answer adds nothing").isFalse();
        try (ReplayProxy proxy = proxy(Mode.REPLAY, null)) {
            HttpResponse<byte[]> r = send(proxy, "POST", "/v1/chat/completions", chat.getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/json", "Accept-Encoding", "gzip");
            assertThat(Json.parse(r.body()).at("/choices/0/message/content").asText()).isEqualTo(
                    Json.parse(live.getBytes(StandardCharsets.UTF_8)).at("/choices/0/message/content").asText());
        }
    }

    @Test
    void a_gzip_answer_asked_for_and_a_gzip_stream_reach_the_client_decoded() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            // The proxy does not pass Accept-Encoding on; the fake answers gzip anyway from here on.
            upstream.gzipAnswers();
            HttpResponse<byte[]> r = send(proxy, "POST", "/v1/chat/completions",
                    ChatBodies.openAiStreaming("stream?").getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json",
                    "Accept-Encoding", "gzip");
            assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("data: [DONE]").contains("stream? #1");
        }
    }

    @Test
    void a_gzip_request_body_is_keyed_as_the_body_it_holds() throws Exception {
        byte[] chat = ChatBodies.openAi("pressed").getBytes(StandardCharsets.UTF_8);
        try (FakeUpstream upstream = FakeUpstream.start(); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            HttpResponse<byte[]> r = send(proxy, "POST", "/v1/chat/completions", gzip(chat), "Content-Type", "application/json",
                    "Content-Encoding", "gzip");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(upstream.received().get(0).body()).isEqualTo(new String(chat, StandardCharsets.UTF_8));
            assertThat(upstream.received().get(0).header("Content-Encoding")).isNull();
        }
        try (ReplayProxy proxy = proxy(Mode.REPLAY, null)) {
            assertThat(send(proxy, "POST", "/v1/chat/completions", chat, "Content-Type", "application/json").statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void a_gzip_body_that_is_not_gzip_gets_400_and_one_that_inflates_past_the_limit_413() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            HttpResponse<byte[]> r = send(proxy, "POST", "/v1/chat/completions", ChatBodies.openAi("x").getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/json", "Content-Encoding", "gzip");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("X-Replay4j-Error")).hasValue("replay4j_bad_encoding");
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("says Content-Encoding gzip, but is not");
            byte[] bomb = gzip(("{\"x\": \"" + "a".repeat(1_000_000) + "\"}").getBytes(StandardCharsets.UTF_8));
            assertThat(bomb.length).isLessThan(64 * 1024);
            r = send(proxy, "POST", "/v1/chat/completions", bomb, "Content-Type", "application/json", "Content-Encoding", "gzip");
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("decodes to more than replay4j's limit of 65536 bytes");
            assertThat(upstream.calls()).isZero();
        }
    }

    @Test
    void a_recorded_429_replays_with_its_retry_headers_and_no_cookie() throws Exception {
        byte[] chat = ChatBodies.openAi("slow down").getBytes(StandardCharsets.UTF_8);
        try (FakeUpstream upstream = FakeUpstream.start(); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            upstream.rateLimitNext(2);
            HttpResponse<byte[]> r = send(proxy, "POST", "/v1/chat/completions", chat, "Content-Type", "application/json",
                    "OpenAI-Organization", "org-secret", "OpenAI-Project", "proj_secret");
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(upstream.received().get(0).header("OpenAI-Organization")).isEqualTo("org-secret");
        }
        String text = Files.readString(RecordingFiles.all(dir).get(0));
        JsonNode headers = onlyRecording().at("/response/headers");
        assertThat(headers.get("retry-after").asText()).isEqualTo("2");
        assertThat(headers.get("retry-after-ms").asText()).isEqualTo("2000");
        assertThat(headers.get("x-ratelimit-remaining-requests").asText()).isEqualTo("0");
        assertThat(text).doesNotContain("fake-session-cookie").doesNotContain("req_").doesNotContain("org-secret")
                .doesNotContain("proj_secret");
        try (ReplayProxy proxy = proxy(Mode.REPLAY, null)) {
            HttpResponse<byte[]> r = send(proxy, "POST", "/v1/chat/completions", chat, "Content-Type", "application/json");
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(r.headers().firstValue("x-ratelimit-reset-requests")).hasValue("2s");
            assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void a_recorded_204_replays_as_204_and_a_200_adds_nothing_to_the_file() throws Exception {
        byte[] chat = ChatBodies.openAi("nothing").getBytes(StandardCharsets.UTF_8);
        try (FakeUpstream upstream = FakeUpstream.start(); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            upstream.noContentNext();
            assertThat(send(proxy, "DELETE", "/v1/files/file-1", null).statusCode()).isEqualTo(204);
            assertThat(send(proxy, "POST", "/v1/chat/completions", chat, "Content-Type", "application/json").statusCode())
                    .isEqualTo(200);
        }
        for (Path file : RecordingFiles.all(dir)) {
            JsonNode response = Json.parse(Files.readAllBytes(file)).get("response");
            if (Files.readString(file).contains("\"DELETE\"")) {
                assertThat(response.get("status").asInt()).isEqualTo(204);
            } else {
                assertThat(response.has("status")).isFalse();
                assertThat(response.has("headers")).isFalse();
            }
        }
        try (ReplayProxy proxy = proxy(Mode.REPLAY, null)) {
            HttpResponse<byte[]> r = send(proxy, "DELETE", "/v1/files/file-1", null);
            assertThat(r.statusCode()).isEqualTo(204);
            assertThat(r.body()).isEmpty();
        }
    }

    @Test
    void redact_field_applies_to_the_fields_of_a_form() throws Exception {
        byte[] upload = form("r", "secret-model-name", new byte[] {1, 2});
        try (FakeUpstream upstream = FakeUpstream.start();
             ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD).upstream(upstream.url())
                     .redactField("model").build().start()) {
            assertThat(send(proxy, "POST", "/v1/audio/transcriptions", upload, "Content-Type", "multipart/form-data; boundary=r")
                    .statusCode()).isEqualTo(200);
            assertThat(upstream.received().get(0).body()).contains("secret-model-name");
        }
        assertThat(onlyRecording().at("/request/body/__form__/model").asText()).isEqualTo("<redacted>");
        assertThat(Files.readString(RecordingFiles.all(dir).get(0))).doesNotContain("secret-model-name");
    }

    @Test
    void another_body_is_keyed_by_its_content_type_and_digest() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xFE};
        try (FakeUpstream upstream = FakeUpstream.start(); ReplayProxy proxy = proxy(Mode.RECORD, upstream)) {
            send(proxy, "POST", "/v1/uploads/u1/parts", png, "Content-Type", "application/octet-stream");
        }
        JsonNode body = onlyRecording().at("/request/body/__bytes__");
        assertThat(body.get("content_type").asText()).isEqualTo("application/octet-stream");
        assertThat(body.get("sha256").asText()).hasSize(64);
        try (ReplayProxy proxy = proxy(Mode.REPLAY, null)) {
            HttpResponse<byte[]> same = send(proxy, "POST", "/v1/uploads/u1/parts", png, "Content-Type", "application/octet-stream");
            assertThat(same.headers().firstValue("X-Replay4j-Recording")).as("the fake's own answer, replayed").isPresent();
            png[5] = 1;
            HttpResponse<byte[]> other = send(proxy, "POST", "/v1/uploads/u1/parts", png, "Content-Type", "application/octet-stream");
            assertThat(other.headers().firstValue("X-Replay4j-Miss")).hasValue("true");
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.ApiFamily;
import dev.replay4j.Mode;
import dev.replay4j.ReplayProxy;
import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.ChatBodies;
import dev.replay4j.fakeupstream.testing.Http;
import dev.replay4j.fakeupstream.testing.RecordingFiles;
import dev.replay4j.internal.recording.RecordingFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code show} and the page make of real recordings: each recorded here through the proxy from the fake
 * upstream (answers of bytes and text, forms, statuses and headers, sequences, Gemini, Bedrock, model lists).
 */
@Timeout(60)
class RecordedAnswersViewTest {
    private static final String TEST = "com.acme.ViewTest::calls";
    private static final String CONVERSE = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hello\"}]}],"
            + "\"system\":[{\"text\":\"be brief\"}]}";

    @TempDir
    Path dir;
    FakeUpstream upstream;
    ReplayProxy proxy;

    @BeforeEach
    void start() throws Exception {
        upstream = FakeUpstream.start();
        proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD).upstream(upstream.url())
                .upstream(ApiFamily.GEMINI, upstream.url()).build().start();
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    private HttpResponse<byte[]> send(String path, byte[] body, String... headers) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(proxy.baseUrl(TEST) + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return Http.send(r, HttpResponse.BodyHandlers.ofByteArray());
    }

    private Path only() {
        List<Path> files = RecordingFiles.all(dir);
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    private static Conversation view(Path file) throws Exception {
        return Conversations.of(RecordingFormat.read(Files.readAllBytes(file), file.toString()), file.getFileName().toString());
    }

    private static String shown(Path file) throws Exception {
        StringWriter out = new StringWriter();
        TextView.print(view(file), new PrintWriter(out));
        return echo(out.toString());
    }

    /** The fake upstream numbers its answers ({@code Echo: hello #2}): the same words, whatever the number. */
    private static String echo(String text) {
        return text.replaceAll("#[0-9]+", "#n");
    }

    private static byte[] form(String boundary, String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < fields.length; i += 2) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n" + fields[i + 1]
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hello.mp3\"\r\n"
                + "Content-Type: audio/mpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFB, 0, 1, 2, (byte) 0x80, 3});
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void an_answer_of_audio_bytes_is_described_by_size_and_type_and_the_page_gets_a_player_source() throws Exception {
        HttpResponse<byte[]> r = send("/v1/audio/speech", "{\"model\": \"tts-1\", \"input\": \"hello\", \"voice\": \"alloy\"}"
                .getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
        String expected = String.format("response:  %,d bytes of audio/mpeg%n", r.body().length);
        Path file = only();
        assertThat(shown(file)).contains(expected, "input:     hello").doesNotContain("answer:");
        JsonNode media = ConversationJson.of(view(file)).at("/answer/media");
        assertThat(media.path("content_type").asText()).isEqualTo("audio/mpeg");
        assertThat(java.util.Base64.getDecoder().decode(media.path("base64").asText())).isEqualTo(r.body());
        assertThat(media.path("description").asText()).isEqualTo(expected.substring("response:  ".length()).strip());
    }

    @Test
    void a_multipart_request_shows_its_fields_and_a_text_answer_shows_as_its_text() throws Exception {
        HttpResponse<byte[]> r = send("/v1/audio/transcriptions", form("AaB03x", "model", "whisper-1", "response_format", "text"),
                "Content-Type", "multipart/form-data; boundary=AaB03x");
        assertThat(r.statusCode()).isEqualTo(200);
        String shown = shown(only());
        assertThat(shown).contains("form:      model: whisper-1\n           response_format: text\n"
                        + "           file: hello.mp3 (7 bytes of audio/mpeg)\n",
                "answer:    Transcript of hello.mp3 (7 bytes)\n").doesNotContain("__form__", "\"Transcript");
    }

    @Test
    void the_second_answer_of_a_sequence_says_so_and_a_first_says_nothing() throws Exception {
        byte[] chat = ChatBodies.openAi("again").getBytes(StandardCharsets.UTF_8);
        send("/v1/chat/completions", chat, "Content-Type", "application/json");
        send("/v1/chat/completions", chat, "Content-Type", "application/json");
        List<Path> files = RecordingFiles.all(dir);
        Path second = files.stream().filter(f -> f.getFileName().toString().endsWith(".2.json")).findFirst().orElseThrow();
        Path first = files.stream().filter(f -> !f.equals(second)).findFirst().orElseThrow();
        assertThat(shown(second)).contains("sequence:  answer 2 of its sequence (the request's 2nd time in the test)\n");
        assertThat(shown(first)).doesNotContain("sequence:");
        assertThat(ConversationJson.of(view(second)).path("sequence").asInt()).isEqualTo(2);
    }

    @Test
    void a_recorded_429_shows_its_kept_headers_and_a_204_its_status() throws Exception {
        upstream.rateLimitNext(2);
        send("/v1/chat/completions", ChatBodies.openAi("slow down").getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
        assertThat(shown(only())).contains("response:  upstream error 429", "headers:   retry-after: 2, retry-after-ms: 2000");
        Files.delete(only());
        upstream.noContentNext();
        Http.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl(TEST) + "/v1/files/file-1")).DELETE(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(shown(only())).contains("status:    204\n");
    }

    @Test
    void gemini_requests_show_their_parts_by_role_and_answers_and_both_streams_are_joined() throws Exception {
        String body = "{\"systemInstruction\":{\"parts\":[{\"text\":\"be brief\"}]},\"contents\":[{\"role\":\"user\",\"parts\":"
                + "[{\"text\":\"hello\"}]},{\"role\":\"model\",\"parts\":[{\"text\":\"hi\"}]},{\"role\":\"user\",\"parts\":[{\"text\":\"again\"}]}]}";
        String base = "/v1beta/models/gemini-test:";
        String whole = new String(send(base + "generateContent", body.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json").body(),
                StandardCharsets.UTF_8);
        String text = dev.replay4j.internal.json.Json.parse(whole).at("/candidates/0/content/parts/0/text").asText();
        assertThat(text).isNotEmpty();
        String shown = shown(only());
        assertThat(shown).contains("system:    be brief", "  user: hello\n  model: hi\n  user: again\n", "answer:    " + echo(text) + "\n",
                "finish:    STOP").doesNotContain("contents ");
        Files.delete(only());
        send(base + "streamGenerateContent?alt=sse", body.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
        assertThat(shown(only())).containsPattern("response:  streamed, [1-9][0-9]* chunks").contains("answer:    " + echo(text) + "\n",
                "finish:    STOP");
        Files.delete(only());
        send(base + "streamGenerateContent", body.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
        assertThat(shown(only())).containsPattern("response:  streamed, [1-9][0-9]* chunks").contains("answer:    " + echo(text) + "\n");
    }

    @Test
    void bedrock_converse_and_its_event_stream_show_text_stop_reason_and_usage() throws Exception {
        String whole = new String(send("/model/m/converse", CONVERSE.getBytes(StandardCharsets.UTF_8)).body(), StandardCharsets.UTF_8);
        String text = dev.replay4j.internal.json.Json.parse(whole).at("/output/message/content/0/text").asText();
        assertThat(shown(only())).contains("system:    be brief", "  user: hello\n", "answer:    " + echo(text) + "\n", "finish:    end_turn",
                "usage:     5 in, 3 out");
        Files.delete(only());
        send("/model/m/converse-stream", CONVERSE.getBytes(StandardCharsets.UTF_8));
        assertThat(shown(only())).contains("response:  streamed, 6 chunks", "answer:    " + echo(text) + "\n", "finish:    end_turn",
                "usage:     5 in, 3 out").doesNotContain("contentBlockDelta");
    }

    @Test
    void bedrock_invoke_with_response_stream_is_read_as_the_anthropic_events_it_carries() throws Exception {
        String invoke = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String whole = new String(send("/model/m/invoke", invoke.getBytes(StandardCharsets.UTF_8)).body(), StandardCharsets.UTF_8);
        String text = dev.replay4j.internal.json.Json.parse(whole).at("/content/0/text").asText();
        Files.delete(only());
        send("/model/m/invoke-with-response-stream", invoke.getBytes(StandardCharsets.UTF_8));
        assertThat(shown(only())).contains("answer:    " + echo(text) + "\n", "finish:    end_turn").doesNotContain("bytes");
    }

    @Test
    void gemini_and_anthropic_model_lists_show_their_ids() throws Exception {
        upstream.models("gemini-a", "gemini-b");
        Http.get(proxy.baseUrl(TEST) + "/v1beta/models", "x-goog-api-key", "AIzaFAKE");
        assertThat(shown(only())).contains("response:  2 models", "  models/gemini-a\n  models/gemini-b\n");
        Files.delete(only());
        upstream.models("claude-b", "claude-a");
        Http.get(proxy.baseUrl(TEST) + "/v1/models", "anthropic-version", "2023-06-01");
        assertThat(shown(only())).contains("response:  2 models", "  claude-b\n  claude-a\n");
    }
}

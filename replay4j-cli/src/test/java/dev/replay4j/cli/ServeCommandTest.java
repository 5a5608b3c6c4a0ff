package dev.replay4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.ChatBodies;
import dev.replay4j.fakeupstream.testing.Http;
import dev.replay4j.fakeupstream.testing.RecordingFiles;
import dev.replay4j.internal.json.Json;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ServeCommandTest {
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:\\d+");
    private static final String CHAT = ChatBodies.openAiStreaming("hi");

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

    @Test
    void serve_prints_its_url_first_records_and_stops_cleanly_when_interrupted() throws Exception {
        PipedWriter pipe = new PipedWriter();
        BufferedReader firstLines = new BufferedReader(new PipedReader(pipe, 65536));
        StandardStreams streams = new StandardStreams(new ByteArrayInputStream(new byte[0]), new PrintWriter(pipe, true),
                new PrintWriter(new StringWriter(), true), false);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread server = new Thread(() -> exit.complete(Main.commandLine(streams).execute(
                "serve", "--dir", dir.toString(), "--mode", "record-if-missing", "--upstream", upstream.url())));
        server.start();
        String first = firstLines.readLine();
        Matcher url = URL.matcher(first);
        assertThat(url.find()).as(first).isTrue();
        assertThat(first).contains("mode record-if-missing").contains("upstream " + upstream.url());

        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = Http.post(url.group() + "/v1/chat/completions", CHAT);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"Echo: \"").contains("\"hi #1\"").contains("[DONE]");
        }
        assertThat(upstream.calls()).as("the second request was replayed").isEqualTo(1);
        server.interrupt();
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(RecordingFiles.all(dir)).hasSize(1);
    }

    @Test
    void sigterm_lets_the_recording_in_flight_land_before_the_process_exits() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--dir", dir.toString(), "--mode", "record", "--upstream", upstream.url());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Matcher url = URL.matcher(out.readLine());
            assertThat(url.find()).isTrue();
            FakeUpstream.StreamPause pause = upstream.pauseStreamsAfterFirstChunk();
            CompletableFuture<HttpResponse<String>> inFlight = Http.client().sendAsync(HttpRequest.newBuilder(URI.create(url.group() + "/v1/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(pause.awaitFirstChunk()).isTrue();

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(500, TimeUnit.MILLISECONDS)).as("it waits for the exchange in flight").isFalse();
            pause.release();

            String answer = inFlight.get(20, TimeUnit.SECONDS).body();
            assertThat(answer).contains("[DONE]");
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("128 + SIGTERM, as for any process a signal stops").isEqualTo(143);
            List<Path> files = RecordingFiles.all(dir);
            assertThat(files).hasSize(1);
            long chunks = answer.lines().filter(l -> l.startsWith("data: {")).count();
            assertThat(Json.parse(Files.readAllBytes(files.get(0))).at("/response/body")).as("every chunk the client got").hasSize((int) chunks);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void a_mode_that_calls_the_upstream_without_one_is_a_usage_error() {
        CliRunner.Result r = CliRunner.run("serve", "--dir", dir.toString(), "--mode", "record");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("mode record calls the upstream, but none is configured");
    }

    @Test
    void replay_of_a_missing_folder_and_unknown_names_are_usage_errors() {
        CliRunner.Result missing = CliRunner.run("serve", "--dir", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such folder");
        CliRunner.Result badMode = CliRunner.run("serve", "--dir", dir.toString(), "--mode", "playback");
        assertThat(badMode.exitCode()).isEqualTo(2);
        assertThat(badMode.err()).contains("unknown mode 'playback'");
        CliRunner.Result badUpstream = CliRunner.run("serve", "--dir", dir.toString(), "--mode", "live", "--upstream", "grpc=http://x");
        assertThat(badUpstream.exitCode()).isEqualTo(2);
        assertThat(badUpstream.err()).contains("unknown API family 'grpc'");
    }

    @Test
    void the_demo_streams_the_seed_answer_offline_and_shows_the_curl_line() throws Exception {
        CliRunner.Result r = CliRunner.run("demo");
        assertThat(r.exitCode()).as(r.err()).isZero();
        StringBuilder recorded = new StringBuilder();
        Path seed = Path.of("..", "samples", "llama-stack", "tests", "integration", "common", "recordings",
                "f5450b5c6f0c985bcc3f8f0e232b455ea7e2ab9e8eedccacbafa96c8350e86ea.json");
        for (var chunk : Json.parse(Files.readAllBytes(seed)).at("/response/body")) {
            recorded.append(chunk.at("/__data__/choices/0/delta/content").asText(""));
        }
        assertThat(recorded.toString()).contains("Sol");
        assertThat(r.out()).contains("answer:   " + recorded).contains("curl -sN http://127.0.0.1:8080/v1/chat/completions");
    }
}

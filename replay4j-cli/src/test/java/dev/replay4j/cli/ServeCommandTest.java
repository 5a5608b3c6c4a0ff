// SPDX-License-Identifier: Apache-2.0
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
    void a_mode_that_calls_the_upstream_without_one_is_a_usage_error_that_names_the_flags() {
        CliRunner.Result r = CliRunner.run("serve", "--dir", dir.toString(), "--mode", "record");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("replay4j serve: --mode record calls the upstream, but no --upstream is given: add the API's"
                + " base URL, such as --upstream https://api.openai.com (or use --mode replay, which never calls it)\n");
    }

    @Test
    void a_value_the_library_refuses_is_a_usage_error_that_names_the_flag_not_the_builder() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("reports"));
        String[][] lines = {
            {"--max-body-bytes", "-5"}, {"--max-body-bytes=0"}, {"--port", "70000"},
            {"--upstream", "ftp://x"}, {"--usage", folder.toString()}, {"--upstream-timeout", "0"},
            {"--upstream", "openai=http://user:hunter2@127.0.0.1:1"},
        };
        String[] expected = {
            "replay4j serve: --max-body-bytes must be a positive number of bytes, not -5",
            "replay4j serve: --max-body-bytes must be a positive number of bytes, not 0",
            "replay4j serve: --port must be 0..65535 (0 takes a free port), not 70000",
            "replay4j serve: --upstream ftp://x: upstream 'ftp://x' must be an http:// or https:// URL with a host",
            "replay4j serve: --usage " + folder + " is a folder: give the file to write the usage report to, such as --usage "
                + folder.resolve("replay4j-usage.json"),
            "replay4j serve: --upstream-timeout must be 1 to 86400 seconds, not 0",
            "replay4j serve: --upstream openai=http://127.0.0.1:1: upstream 'http://127.0.0.1:1' holds a user name and password,"
                + " which replay4j does not send: leave them out of the URL and let the client send its credentials"
                + " (an Authorization header passes upstream and is never written)",
        };
        for (int i = 0; i < lines.length; i++) {
            List<String> args = new java.util.ArrayList<>(List.of("serve", "--dir", dir.toString()));
            args.addAll(List.of(lines[i]));
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).isEqualTo(expected[i] + "\n").doesNotContain("builder", "Builder");
            assertThat(r.out()).as("it never started").isEmpty();
        }
        assertThat(folder).isEmptyDirectory();
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
    void a_malformed_fault_is_a_usage_error_naming_the_item() {
        CliRunner.Result r = CliRunner.run("serve", "--dir", dir.toString(), "--fault", "status=429,retry-after=soon");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'retry-after=soon'").contains("not a whole number of seconds");
    }

    @Test
    void a_bad_replay_speed_or_stream_profile_is_a_usage_error() {
        CliRunner.Result speed = CliRunner.run("serve", "--dir", dir.toString(), "--replay-speed", "fast");
        assertThat(speed.exitCode()).isEqualTo(2);
        CliRunner.Result profile = CliRunner.run("serve", "--dir", dir.toString(), "--stream-profile", "ttft=300");
        assertThat(profile.exitCode()).isEqualTo(2);
        assertThat(profile.err()).contains("needs both ttft=MS and rate=N");
    }

    @Test
    void a_fault_flag_fails_the_first_requests_then_lets_them_through_and_records_none_of_the_faulted() throws Exception {
        PipedWriter pipe = new PipedWriter();
        BufferedReader firstLines = new BufferedReader(new PipedReader(pipe, 65536));
        StandardStreams streams = new StandardStreams(new ByteArrayInputStream(new byte[0]), new PrintWriter(pipe, true),
                new PrintWriter(new StringWriter(), true), false);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread server = new Thread(() -> exit.complete(Main.commandLine(streams).execute(
                "serve", "--dir", dir.toString(), "--mode", "record-if-missing", "--upstream", upstream.url(),
                "--fault", "status=429,retry-after=1,times=1", "--fault", "status=500,endpoint=/v1/embeddings")));
        server.start();
        String first = firstLines.readLine();
        Matcher url = URL.matcher(first);
        assertThat(url.find()).as(first).isTrue();
        HttpResponse<String> limited = Http.post(url.group() + "/v1/chat/completions", CHAT);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).hasValue("1");
        assertThat(upstream.calls()).isZero();
        assertThat(RecordingFiles.all(dir)).isEmpty();
        HttpResponse<String> ok = Http.post(url.group() + "/v1/chat/completions", CHAT);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(RecordingFiles.all(dir)).hasSize(1);
        server.interrupt();
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
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

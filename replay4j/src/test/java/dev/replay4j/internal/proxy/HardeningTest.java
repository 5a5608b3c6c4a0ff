// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.replay4j.Mode;
import dev.replay4j.ReplayProxy;
import dev.replay4j.internal.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile probe of the proxy found: secrets in logs and errors, requests that dropped or hung, recordings
 * paid for and then lost, and test ids that look alike. Real sockets, real files, a real FIFO and mount.
 */
@Timeout(60)
class HardeningTest {
    private static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String ANSWER = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},\"finish_reason\":\"stop\"}]}";

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A loopback upstream that answers every connection with {@code script}, counting them. */
    private static final class ScriptedUpstream implements AutoCloseable {
        interface Script {
            void answer(InputStream in, OutputStream out) throws Exception;
        }

        final ServerSocket socket;
        final AtomicInteger calls = new AtomicInteger();
        private final Thread acceptor;

        ScriptedUpstream(Script script) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        calls.incrementAndGet();
                        Thread t = new Thread(() -> {
                            try (s) {
                                InputStream in = s.getInputStream();
                                readHead(in);
                                script.answer(in, s.getOutputStream());
                            } catch (Exception ignored) {
                                // the test sees the outcome on the client side
                            }
                        });
                        t.setDaemon(true);
                        t.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }

        private static void readHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            for (int b; matched < 4 && (b = in.read()) >= 0; ) {
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        }
    }

    private HttpResponse<String> post(String url, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long files() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    private static String message(HttpResponse<String> r) throws Exception {
        return Json.parse(r.body()).at("/error/message").textValue();
    }

    /** Runs {@code action} and gives back what the logs wrote to standard error meanwhile. */
    private static String stderrOf(ThrowingRunnable action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    // ---- secrets in logs and error bodies

    @Test
    void an_upstream_with_a_password_in_its_url_is_refused_without_repeating_the_password() {
        assertThatThrownBy(() -> ReplayProxy.builder().recordings(dir).mode(Mode.RECORD)
                .upstream("http://user:hunter2@127.0.0.1:1").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds a user name and password")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void query_secrets_reach_neither_the_log_nor_the_error_body_when_the_upstream_is_down() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        String[] body = new String[1];
        String log = stderrOf(() -> {
            try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD)
                    .upstream("http://127.0.0.1:" + deadPort).build().start()) {
                HttpResponse<String> r = post(proxy.url() + "/v1/chat/completions?key=SECRET1&api_key=SECRET2&alt=sse", CHAT);
                assertThat(r.statusCode()).isEqualTo(502);
                body[0] = r.body();
            }
        });
        assertThat(body[0]).contains("key=<redacted>").contains("alt=sse").doesNotContain("SECRET1").doesNotContain("SECRET2");
        assertThat(log).contains("did not answer").doesNotContain("SECRET1").doesNotContain("SECRET2");
        assertThat(files()).isZero();
    }

    @Test
    void garbage_from_the_upstream_is_escaped_in_the_log_and_the_error_body() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream((in, out) -> {
            out.write("\u0000\u0007\u001b[31mGARBAGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        })) {
            String[] body = new String[1];
            String log = stderrOf(() -> {
                try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD).upstream(upstream.url())
                        .build().start()) {
                    HttpResponse<String> r = post(proxy.url() + "/v1/chat/completions", CHAT);
                    assertThat(r.statusCode()).isEqualTo(502);
                    body[0] = r.body();
                }
            });
            assertThat(log).doesNotContain("\u0000").doesNotContain("\u001b");
            assertThat(Json.parse(body[0]).at("/error/message").textValue()).doesNotContain("\u0000").doesNotContain("\u001b");
        }
    }

    // ---- requests that drop or hang

    @Test
    void a_miss_whose_body_nests_almost_as_deep_as_the_parser_allows_is_still_explained() throws Exception {
        String deep = "{\"a\":".repeat(1990) + "1" + "}".repeat(1990);
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            Files.createDirectories(dir.resolve("_shared"));
            Files.writeString(dir.resolve("_shared/other.json"), "{}"); // something to compare with
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = post(proxy.url() + "/v1/chat/completions", deep);
                assertThat(r.statusCode()).isEqualTo(404);
                assertThat(message(r)).contains("no recording for POST /v1/chat/completions");
            }
        }
    }

    @Test
    void a_fifo_where_a_recording_should_be_is_refused_by_name_and_blocks_nobody() throws Exception {
        Path missing;
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            HttpResponse<String> miss = post(proxy.url() + "/v1/chat/completions", CHAT);
            assertThat(miss.statusCode()).isEqualTo(404);
            String key = miss.body().replaceAll("(?s).*key: ([0-9a-f]{64}).*", "$1");
            missing = dir.resolve("_shared").resolve(key + ".json");
        }
        Files.createDirectories(missing.getParent());
        Process mkfifo = new ProcessBuilder("mkfifo", missing.toString()).inheritIO().start();
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available here");
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            HttpResponse<String> r = post(proxy.url() + "/v1/chat/completions", CHAT);
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(message(r)).contains(missing.getFileName().toString()).contains("not a regular file");

            HttpResponse<String> other = post(proxy.url() + "/v1/chat/completions", CHAT.replace("hi", "another"));
            assertThat(other.statusCode()).as("a miss in the same folder reads past the FIFO").isEqualTo(404);
        }
    }

    @Test
    void an_upstream_that_sends_no_headers_gets_a_504_after_the_timeout_and_nothing_is_recorded() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (ScriptedUpstream upstream = new ScriptedUpstream((in, out) -> never.await(30, TimeUnit.SECONDS))) {
            try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD).upstream(upstream.url())
                    .upstreamTimeout(Duration.ofSeconds(1)).build().start()) {
                HttpResponse<String> r = post(proxy.url() + "/v1/chat/completions", CHAT);
                assertThat(r.statusCode()).isEqualTo(504);
                assertThat(r.headers().firstValue("X-Replay4j-Error")).hasValue("replay4j_upstream_timeout");
                assertThat(message(r)).contains("sent no answer within 1 s").contains("nothing was recorded");
            } finally {
                never.countDown();
            }
        }
        assertThat(files()).isZero();
    }

    @Test
    void an_upstream_that_stalls_in_a_whole_answer_gets_a_504_and_nothing_is_recorded() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (ScriptedUpstream upstream = new ScriptedUpstream((in, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + ANSWER.length() + "\r\n\r\n"
                    + ANSWER.substring(0, 20)).getBytes(StandardCharsets.UTF_8));
            out.flush();
            never.await(30, TimeUnit.SECONDS);
        })) {
            try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD).upstream(upstream.url())
                    .upstreamTimeout(Duration.ofSeconds(1)).build().start()) {
                HttpResponse<String> r = post(proxy.url() + "/v1/chat/completions", CHAT);
                assertThat(r.statusCode()).isEqualTo(504);
                assertThat(message(r)).contains("stalled in its answer").contains("no byte from the upstream for 1 s");
            } finally {
                never.countDown();
            }
        }
        assertThat(files()).isZero();
    }

    @Test
    void an_upstream_that_stalls_after_its_first_chunk_cuts_the_clients_stream_and_nothing_is_recorded() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (ScriptedUpstream upstream = new ScriptedUpstream((in, out) -> {
            String chunk = "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[]}\n\n";
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            never.await(30, TimeUnit.SECONDS);
        })) {
            try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD).upstream(upstream.url())
                    .upstreamTimeout(Duration.ofSeconds(1)).build().start()) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> post(proxy.url() + "/v1/chat/completions", CHAT.replace("}]}", "}],\"stream\":true}")))
                        .as("the client must see the stream cut, not a complete answer").isInstanceOf(IOException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            } finally {
                never.countDown();
            }
        }
        assertThat(files()).isZero();
    }

    @Test
    void a_dangling_link_where_a_recording_should_be_is_passed_by_as_a_missing_file() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream((in, out) -> out.write(("HTTP/1.1 200 OK\r\nContent-Length: "
                + ANSWER.length() + "\r\nContent-Type: application/json\r\n\r\n" + ANSWER).getBytes(StandardCharsets.UTF_8)));
             ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD_IF_MISSING).upstream(upstream.url())
                     .build().start()) {
            HttpResponse<String> first = post(proxy.url() + "/v1/chat/completions", CHAT);
            assertThat(first.statusCode()).isEqualTo(200);
            Path recording = dir.resolve(first.headers().firstValue("X-Replay4j-Recording").orElse(""));
            if (!Files.isRegularFile(recording)) { // recorded, not replayed: find the file written
                try (Stream<Path> walk = Files.walk(dir)) {
                    recording = walk.filter(Files::isRegularFile).findFirst().orElseThrow();
                }
            }
            Files.delete(recording);
            Files.createSymbolicLink(recording, dir.resolve("gone.json"));

            HttpResponse<String> again = post(proxy.url() + "/v1/chat/completions", CHAT);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(upstream.calls.get()).as("recorded again").isEqualTo(2);
        }
    }

    // ---- refuse before calling the upstream

    @Test
    void record_mode_on_a_read_only_folder_refuses_before_calling_the_upstream() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("ro"));
        Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        boolean mounted = mounting.waitFor(10, TimeUnit.SECONDS) && mounting.exitValue() == 0;
        if (!mounted) {
            System.out.println("HardeningTest: skipped the read-only test: cannot mount a read-only tmpfs here ("
                    + new String(mounting.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim() + ")");
        }
        assumeTrue(mounted, "mounting a read-only tmpfs is not allowed here");
        try (ScriptedUpstream upstream = new ScriptedUpstream((in, out) -> out.write(("HTTP/1.1 200 OK\r\nContent-Length: "
                + ANSWER.length() + "\r\nContent-Type: application/json\r\n\r\n" + ANSWER).getBytes(StandardCharsets.UTF_8)));
             ReplayProxy proxy = ReplayProxy.builder().recordings(mount).mode(Mode.RECORD).upstream(upstream.url()).build().start()) {
            HttpResponse<String> r = post(proxy.url() + "/v1/chat/completions", CHAT);
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(message(r)).contains("will not record").contains("read-only");
            assertThat(upstream.calls.get()).isZero();
        } finally {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_test_id_whose_folder_name_would_be_too_long_is_refused_before_calling_the_upstream() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream((in, out) -> out.write("HTTP/1.1 500 X\r\n\r\n".getBytes()));
             ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD).upstream(upstream.url()).build().start()) {
            HttpResponse<String> r = post(proxy.baseUrl("com.acme." + "Long".repeat(70) + "::m") + "/v1/chat/completions", CHAT);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(message(r)).contains("folder name of 280 bytes");
            assertThat(upstream.calls.get()).isZero();
        }
        assertThat(files()).isZero();
    }

    // ---- test ids that look the same

    @Test
    void composed_and_decomposed_accents_name_one_test_one_folder_and_one_recording() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream((in, out) -> out.write(("HTTP/1.1 200 OK\r\nContent-Length: "
                + ANSWER.length() + "\r\nContent-Type: application/json\r\n\r\n" + ANSWER).getBytes(StandardCharsets.UTF_8)));
             ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD_IF_MISSING).upstream(upstream.url())
                     .build().start()) {
            assertThat(post(proxy.baseUrl("com.acme.Caf\u00e9Test::m") + "/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
            HttpResponse<String> again = post(proxy.baseUrl("com.acme.Cafe\u0301Test::m") + "/v1/chat/completions", CHAT);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.headers().firstValue("X-Replay4j-Recording")).as("replayed, not recorded again").isPresent();
            assertThat(upstream.calls.get()).isEqualTo(1);
        }
        try (Stream<Path> folders = Files.list(dir.resolve("com/acme"))) {
            assertThat(folders.map(p -> p.getFileName().toString())).containsExactly("Caf\u00e9Test");
        }
    }

    @Test
    void test_ids_that_would_write_into_the_root_or_hold_look_alike_characters_get_400() throws Exception {
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            String[][] cases = {
                {"::m", "one of its names is empty"},
                {"com.acme.Chat\u2028Test::m", "line separator U+2028"},
                {"com\uff0eacme.ChatTest::m", "U+FF0E"},
                {"com..acme.ChatTest::m", "one of its names is empty"},
                {"com.acme.ChatTest::m\u200b", "format character U+200B"},
            };
            for (String[] c : cases) {
                HttpResponse<String> r = post(proxy.baseUrl(c[0]) + "/v1/chat/completions", CHAT);
                assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
                assertThat(message(r)).as(c[0]).contains(c[1]);
            }
            HttpResponse<String> fine = post(proxy.baseUrl("com.acme.Outer$Inner_\u20acTest::m \u00e9[1]") + "/v1/chat/completions", CHAT);
            assertThat(fine.statusCode()).as("a nested class and any printable name are fine").isEqualTo(404);
        }
        assertThat(files()).isZero();
    }
}

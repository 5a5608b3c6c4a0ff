// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.Layout;
import dev.replay4j.Mode;
import dev.replay4j.ReplayProxy;
import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.ChatBodies;
import dev.replay4j.fakeupstream.testing.Http;
import dev.replay4j.fakeupstream.testing.RecordingFiles;
import dev.replay4j.internal.json.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a clear error that names the problem, nothing is written, and the proxy keeps serving. */
@Timeout(60)
class HostileInputTest {
    private static final String CHAT = ChatBodies.openAi("hi");

    @TempDir
    Path dir;

    private static String message(HttpResponse<String> r) throws Exception {
        return Json.parse(r.body()).at("/error/message").textValue();
    }

    @Test
    void a_body_that_is_not_json_is_keyed_by_its_bytes_and_misses_like_any_other() throws Exception {
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            HttpResponse<String> r = Http.post(proxy.url() + "/v1/chat/completions", "{\"model\": ");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue("X-Replay4j-Miss")).hasValue("true");
            assertThat(Http.post(proxy.url() + "/v1/chat/completions", CHAT).statusCode()).as("still serving").isEqualTo(404);
        }
    }

    @Test
    void a_body_over_the_limit_gets_413() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start();
             ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD).upstream(upstream.url())
                     .maxBodyBytes(1000).build().start()) {
            HttpResponse<String> r = Http.post(proxy.url() + "/v1/chat/completions", "{\"x\": \"" + "a".repeat(5000) + "\"}");
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(message(r)).contains("larger than replay4j's limit of 1000 bytes");
            assertThat(upstream.calls()).isZero();
            assertThat(Http.post(proxy.url() + "/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void test_ids_that_escape_the_root_or_carry_control_characters_get_400_and_nothing_is_written() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start();
             ReplayProxy proxy = ReplayProxy.builder().recordings(dir.resolve("recordings")).layout(Layout.LLAMA_STACK)
                     .mode(Mode.RECORD).upstream(upstream.url()).build().start()) {
            String[] hostile = {"..%2F..%2Fetc%2Ftest_x.py%3A%3At", "%2Ftmp%2Fevil%2Ftest.py%3A%3At", "a%0D%0AX-Injected%3A%201",
                    "%FF%FE"};
            for (String id : hostile) {
                HttpResponse<String> r = Http.post(proxy.url() + ReplayProxy.TEST_PREFIX + id + "/v1/chat/completions", CHAT);
                assertThat(r.statusCode()).as(id).isEqualTo(400);
                assertThat(r.headers().firstValue("X-Injected")).isEmpty();
            }
            HttpResponse<String> viaHeader = Http.post(proxy.url() + "/v1/chat/completions", CHAT,
                    ReplayProxy.TEST_ID_HEADER, "..%2F..%2F..%2Fx.py%3A%3At");
            assertThat(viaHeader.statusCode()).isEqualTo(400);
            assertThat(message(viaHeader)).contains("outside the recordings root");
            assertThat(upstream.calls()).isZero();
        }
        assertThat(RecordingFiles.all(dir)).isEmpty();
        assertThat(dir.getParent().resolve("etc")).doesNotExist();
    }

    @Test
    void a_test_id_whose_characters_truncate_to_cr_lf_cannot_inject_a_response_header() throws Exception {
        // U+010D and U+010A (letters, so allowed in a folder name): a server that writes header chars as single
        // bytes (the JDK's does) would make them CR and LF.
        String id = "com.acme.Inj%C4%8D%C4%8AX-Evil%C4%8D%C4%8A::m";
        try (FakeUpstream upstream = FakeUpstream.start()) {
            try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD).upstream(upstream.url()).build().start()) {
                assertThat(Http.post(proxy.url() + ReplayProxy.TEST_PREFIX + id + "/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
            }
        }
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            HttpResponse<String> r = Http.post(proxy.url() + ReplayProxy.TEST_PREFIX + id + "/v1/chat/completions", CHAT);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Evil")).isEmpty();
            assertThat(r.headers().firstValue("X-Replay4j-Recording")).hasValueSatisfying(v ->
                    assertThat(v).startsWith("com/acme/Inj%C4%8D%C4%8AX-Evil%C4%8D%C4%8A/").doesNotContain("\r").doesNotContain("\n"));
        }
    }

    @Test
    void an_unknown_path_in_replay_is_a_miss_not_a_crash() throws Exception {
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            HttpResponse<String> r = Http.get(proxy.url() + "/favicon.ico");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(message(r)).contains("no recording for GET /favicon.ico");
        }
    }

    @Test
    void an_upstream_that_is_down_gets_502_and_leaves_no_file() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD).upstream("http://127.0.0.1:" + deadPort)
                .build().start()) {
            HttpResponse<String> r = Http.post(proxy.url() + "/v1/chat/completions", CHAT);
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(message(r)).contains("could not reach the upstream http://127.0.0.1:" + deadPort).contains("nothing was recorded");
        }
        assertThat(RecordingFiles.all(dir)).isEmpty();
    }

    @Test
    void a_client_that_hangs_up_mid_stream_leaves_no_file_and_the_proxy_keeps_serving() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start();
             ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD).upstream(upstream.url()).build().start()) {
            FakeUpstream.StreamPause pause = upstream.pauseStreamsAfterFirstChunk();
            String body = ChatBodies.openAiStreaming("bye");
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", proxy.port()));
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.contains("data: ")) {
                        break; // the first chunk arrived: hang up now
                    }
                }
            }
            pause.release();
            // The proxy notices when it writes the next chunk; then it must have written nothing.
            Thread.sleep(500);
            assertThat(RecordingFiles.all(dir)).isEmpty();
            assertThat(Http.post(proxy.url() + "/v1/chat/completions", ChatBodies.openAiStreaming("again")).statusCode()).isEqualTo(200);
        }
        // close() waited for the exchanges in flight: only the completed stream is on disk.
        assertThat(RecordingFiles.all(dir)).hasSize(1);
    }

    @Test
    void an_upstream_that_breaks_off_mid_stream_leaves_no_file_and_the_client_sees_a_broken_response() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket s = upstream.accept()) {
                    InputStream in = s.getInputStream();
                    in.read(new byte[65536]);
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "1e\r\ndata: {\"id\":\"x\",\"choices\":[]}\n\r\n").getBytes(StandardCharsets.UTF_8));
                    s.getOutputStream().flush();
                } catch (Exception ignored) {
                    // the test sees the outcome on the client side
                }
            });
            server.start();
            try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD)
                    .upstream("http://127.0.0.1:" + upstream.getLocalPort()).build().start()) {
                String body = "{\"model\":\"m\",\"stream\":true}";
                Exception failure = null;
                try {
                    HttpResponse<String> r = Http.post(proxy.url() + "/v1/chat/completions", body);
                    assertThat(r.body()).doesNotContain("[DONE]");
                } catch (UncheckedIOException e) {
                    failure = e;
                }
                assertThat(failure).as("the client must see the stream cut, not a complete answer").isNotNull();
            }
            server.join(5000);
        }
        assertThat(RecordingFiles.all(dir)).isEmpty();
    }
}

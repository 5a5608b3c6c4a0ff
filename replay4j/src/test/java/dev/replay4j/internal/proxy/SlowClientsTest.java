// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import dev.replay4j.Mode;
import dev.replay4j.fakeupstream.FakeUpstream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients too slow to serve, over real sockets: headers sent a byte at a time, a body that stops, a client that
 * stalls after its answer was sent early. The limits are shortened (the default is 30 s); an upload that keeps
 * flowing and a stream that lasts longer than the limit are left alone. Bounds on time are generous: what is
 * asserted is that the connection ends, not when.
 */
@Timeout(120)
class SlowClientsTest {
    private static final Duration LIMIT = Duration.ofSeconds(1);
    private static final int THREADS = 8;
    private static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @TempDir
    Path dir;

    private ProxyServer proxy(Mode mode, String upstream) throws IOException {
        ProxyConfig.Builder config = ProxyConfig.builder().recordings(dir).mode(mode).clientTimeout(LIMIT).maxThreads(THREADS);
        if (upstream != null) {
            config.upstream(upstream);
        }
        return new ProxyServer(config.build()).start();
    }

    private static Socket connect(ProxyServer proxy) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setTcpNoDelay(true);
        return s;
    }

    @Test
    void clients_that_send_their_headers_a_byte_at_a_time_are_cut_and_hold_a_bounded_number_of_threads() throws Exception {
        Set<Thread> before = proxyThreads();
        try (ProxyServer proxy = proxy(Mode.REPLAY, null)) {
            byte[] head = ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "X-Padding: " + "x".repeat(200) + "\r\nContent-Length: " + CHAT.length() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            List<Socket> clients = new ArrayList<>();
            for (int i = 0; i < 3 * THREADS; i++) {
                clients.add(connect(proxy));
            }
            int[] sent = new int[clients.size()];
            boolean[] cut = new boolean[clients.size()];
            int mostThreads = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            try {
                // A byte to each client every 100 ms: 3 connections per thread, each taking 30 s for its headers.
                while (countTrue(cut) < clients.size() && System.nanoTime() < deadline) {
                    for (int i = 0; i < clients.size(); i++) {
                        if (!cut[i]) {
                            cut[i] = sent[i] < head.length && !drip(clients.get(i), head[sent[i]++]) || isClosedByServer(clients.get(i));
                        }
                    }
                    Set<Thread> now = proxyThreads();
                    now.removeAll(before);
                    mostThreads = Math.max(mostThreads, now.size());
                    Thread.sleep(100);
                }
            } finally {
                for (Socket c : clients) {
                    c.close();
                }
            }
            int closed = countTrue(cut);
            int threads = mostThreads;
            assertSoftly(soft -> {
                soft.assertThat(threads).as("threads serving exchanges at the most").isLessThanOrEqualTo(THREADS);
                soft.assertThat(closed).as("connections the proxy closed").isEqualTo(clients.size());
            });

            // And the proxy still serves a client that sends its request at once.
            try (Socket s = connect(proxy)) {
                s.getOutputStream().write(request(CHAT));
                assertThat(statusLine(s)).startsWith("HTTP/1.1 404"); // the explained miss: a recording is missing
            }
        }
    }

    @Test
    void a_client_that_stops_sending_its_body_is_disconnected() throws Exception {
        try (ProxyServer proxy = proxy(Mode.REPLAY, null); Socket s = connect(proxy)) {
            byte[] request = request(CHAT);
            s.getOutputStream().write(request, 0, request.length - 10); // the headers, and the body but its last 10 bytes
            s.setSoTimeout(30_000);
            assertThat(readToEnd(s)).as("what the proxy sent before closing").isEmpty();
        }
    }

    @Test
    void a_client_that_stalls_in_a_body_it_was_already_refused_is_disconnected() throws Exception {
        ProxyConfig config = ProxyConfig.builder().recordings(dir).mode(Mode.REPLAY).clientTimeout(LIMIT).maxThreads(THREADS)
                .maxBodyBytes(100).build();
        try (ProxyServer proxy = new ProxyServer(config).start(); Socket s = connect(proxy)) {
            String body = "{\"model\":\"m\",\"input\":\"" + "x".repeat(5000) + "\"}";
            byte[] request = request(body);
            s.getOutputStream().write(request, 0, request.length - 4000); // the 413 comes from Content-Length alone
            s.setSoTimeout(30_000);
            // The answer, then the end of the connection: the proxy drained what it could, within the limit, and let go.
            assertThat(readToEnd(s)).startsWith("HTTP/1.1 413").contains("replay4j_body_too_large");
        }
    }

    @Test
    void an_upload_that_keeps_flowing_for_longer_than_the_limit_is_served() throws Exception {
        try (ProxyServer proxy = proxy(Mode.REPLAY, null); Socket s = connect(proxy)) {
            String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "y".repeat(3000) + "\"}]}";
            byte[] request = request(body);
            OutputStream out = s.getOutputStream();
            int head = request.length - body.length();
            out.write(request, 0, head);
            // 20 pieces, 100 ms apart: 2 s of upload, twice the limit, never silent for long.
            int piece = body.length() / 20 + 1;
            for (int at = head; at < request.length; at += piece) {
                out.write(request, at, Math.min(piece, request.length - at));
                out.flush();
                Thread.sleep(100);
            }
            s.setSoTimeout(30_000);
            assertThat(statusLine(s)).startsWith("HTTP/1.1 404"); // read whole, keyed, explained: no recording of it
        }
    }

    @Test
    void a_stream_that_lasts_longer_than_the_limit_reaches_its_end() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(); ProxyServer proxy = proxy(Mode.RECORD, upstream.url());
             Socket s = connect(proxy)) {
            FakeUpstream.StreamPause gate = upstream.pauseStreamsAfterFirstChunk();
            s.getOutputStream().write(request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}"));
            s.setSoTimeout(30_000);
            assertThat(statusLine(s)).startsWith("HTTP/1.1 200");
            Thread.sleep(2 * LIMIT.toMillis()); // the upstream thinks; the client waits, sending nothing
            gate.release();
            String rest = new String(s.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
            assertThat(rest).contains("Echo: ").contains("hi #1").contains("data: [DONE]");
        }
    }

    private static byte[] request(String body) {
        return ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    /** False when the write failed: the proxy had closed the connection. */
    private static boolean drip(Socket s, byte b) {
        try {
            OutputStream out = s.getOutputStream();
            out.write(b);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when the proxy closed the connection (an end of stream, or a reset). */
    private static boolean isClosedByServer(Socket s) throws IOException {
        s.setSoTimeout(1);
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false; // open, and nothing to read
        } catch (IOException e) {
            return true;
        }
    }

    private static String statusLine(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).trim();
    }

    /** Everything until the proxy closes the connection; a reset counts as the end. */
    private static String readToEnd(Socket s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = s.getInputStream().read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the proxy kept the connection open for 30 s; it had sent: " + out, e);
        } catch (IOException reset) {
            // closed with unread bytes on its side: the end as well
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Set<Thread> proxyThreads() {
        Set<Thread> out = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("replay4j-proxy-")) {
                out.add(t);
            }
        }
        return out;
    }

    private static int countTrue(boolean[] values) {
        int n = 0;
        for (boolean v : values) {
            if (v) {
                n++;
            }
        }
        return n;
    }
}

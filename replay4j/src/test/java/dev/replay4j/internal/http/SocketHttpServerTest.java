// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * replay4j's HTTP server over raw sockets, where the framing shows: keep-alive and pipelining, chunked bodies both
 * ways, 100-continue, HEAD and HTTP/1.0, refusals of heads it cannot read, answers cut short, connections parked
 * while idle and served again, bounded threads, and stop. The proxy's own tests cover it through the pipeline.
 */
@Timeout(60)
class SocketHttpServerTest {
    private final CountDownLatch firstChunkRead = new CountDownLatch(1);
    private SocketHttpServer server;

    private int start(int maxThreads, int maxIdle) throws IOException {
        return start(maxThreads, maxIdle, SocketHttpServer.Settings.DEFAULT_IDLE_TIMEOUT);
    }

    private int start(int maxThreads, int maxIdle, Duration idleTimeout) throws IOException {
        server = SocketHttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64,
                new SocketHttpServer.Settings(maxThreads, Duration.ofSeconds(2), maxIdle, idleTimeout, "test-http",
                        LoggerFactory.getLogger(SocketHttpServerTest.class)));
        server.createContext("/", this::handle);
        server.start();
        return server.getAddress().getPort();
    }

    private int start() throws IOException {
        return start(8, 100);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(1);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        ex.getResponseHeaders().set("X-Client-Port", Integer.toString(ex.getRemoteAddress().getPort()));
        switch (path) {
            case "/late": {
                ex.sendResponseHeaders(200, 0);
                try {
                    // The head must be at the client before the first event, which may be long in coming.
                    assertThat(firstChunkRead.await(5, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                try (OutputStream out = ex.getResponseBody()) {
                    out.write("late".getBytes(StandardCharsets.US_ASCII));
                }
                return;
            }
            case "/stream": {
                ex.sendResponseHeaders(200, 0);
                OutputStream out = ex.getResponseBody();
                out.write("first,".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                try {
                    // Only a flush that reached the client lets the test count down.
                    assertThat(firstChunkRead.await(5, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                out.write("second".getBytes(StandardCharsets.US_ASCII));
                out.close();
                return;
            }
            case "/short": {
                ex.sendResponseHeaders(200, 10);
                ex.getResponseBody().write("abc".getBytes(StandardCharsets.US_ASCII));
                ex.getResponseBody().close();
                return;
            }
            case "/throw":
                throw new IllegalStateException("the handler failed");
            case "/none":
                ex.sendResponseHeaders(204, -1);
                return;
            case "/empty":
                ex.sendResponseHeaders(200, -1);
                return;
            case "/slow":
                sleep(300);
                break;
            default:
                break;
        }
        byte[] answer = (ex.getRequestMethod() + " " + path + " " + ex.getProtocol() + " " + new String(body, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, answer.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(answer);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String post(String path, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    @Test
    void requests_on_one_connection_are_served_in_turn_and_pipelined_ones_in_order() throws Exception {
        try (RawClient c = new RawClient(start())) {
            assertThat(c.send(post("/a", "one")).read().body).isEqualTo("POST /a HTTP/1.1 one");
            c.send(post("/b", "two") + "GET /c HTTP/1.1\r\nHost: x\r\n\r\n" + post("/d", "four"));
            assertThat(c.read().body).isEqualTo("POST /b HTTP/1.1 two");
            assertThat(c.read().body).isEqualTo("GET /c HTTP/1.1 ");
            RawClient.Answer last = c.read();
            assertThat(last.body).isEqualTo("POST /d HTTP/1.1 four");
            assertThat(last.headers).containsEntry("x-client-port", Integer.toString(c.socket.getLocalPort())).containsKey("date");
        }
    }

    @Test
    void a_chunked_upload_is_read_to_its_last_chunk_and_its_trailer_and_the_connection_goes_on() throws Exception {
        try (RawClient c = new RawClient(start())) {
            c.send("POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;name=value\r\nhello\r\n1\r\n,\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
            assertThat(c.read().body).isEqualTo("POST /up HTTP/1.1 hello, world");
            assertThat(c.send(post("/next", "x")).read().body).isEqualTo("POST /next HTTP/1.1 x");
        }
    }

    @Test
    void expect_100_continue_is_answered_before_the_body_is_sent() throws Exception {
        try (RawClient c = new RawClient(start())) {
            c.send("POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
            assertThat(c.read().code()).isEqualTo(100);
            assertThat(c.send("body").read().body).isEqualTo("POST /e HTTP/1.1 body");
        }
    }

    @Test
    void a_chunked_answer_reaches_the_client_at_each_flush() throws Exception {
        try (RawClient c = new RawClient(start())) {
            c.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
            while (!c.line().isEmpty()) {
                // the head
            }
            assertThat(Integer.parseInt(c.line(), 16)).isEqualTo(6);
            assertThat(c.line()).isEqualTo("first,");
            firstChunkRead.countDown();
            assertThat(Integer.parseInt(c.line(), 16)).isEqualTo(6);
            assertThat(c.line()).isEqualTo("second");
            assertThat(c.line()).isEqualTo("0");
            assertThat(c.line()).isEmpty();
            assertThat(c.send(post("/after", "y")).read().body).isEqualTo("POST /after HTTP/1.1 y");
        }
    }

    @Test
    void a_chunked_answer_s_head_leaves_before_its_first_chunk_is_written() throws Exception {
        try (RawClient c = new RawClient(start())) {
            c.send("GET /late HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.line()).isEqualTo("HTTP/1.1 200 OK");
            while (!c.line().isEmpty()) {
                // the rest of the head
            }
            firstChunkRead.countDown();
            assertThat(c.line()).isEqualTo("4");
            assertThat(c.line()).isEqualTo("late");
        }
    }

    @Test
    void a_refusal_reaches_a_client_that_is_still_sending_its_head() throws Exception {
        int port = start();
        for (int i = 0; i < 5; i++) {
            try (RawClient c = new RawClient(port)) {
                // A head refused at its first line, and more bytes behind it than the linger drains (256 KiB).
                byte[] huge = ("GET /x HTTP/2.0\r\nX-Big: " + "b".repeat(200_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                Thread writer = new Thread(() -> {
                    try {
                        c.socket.getOutputStream().write(huge);
                    } catch (IOException closed) {
                        // the server stops reading at some point: what matters is the answer
                    }
                });
                writer.start();
                writer.join(); // all sent before reading: the refusal must still be there, whole
                sleep(50);
                assertThat(c.read().code()).isEqualTo(505);
            }
        }
    }

    @Test
    void head_204_and_no_body_answers_carry_no_body_and_keep_the_connection() throws Exception {
        try (RawClient c = new RawClient(start())) {
            RawClient.Answer head = c.send("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n").read(true);
            assertThat(head.headers).containsEntry("content-length", "17");
            RawClient.Answer none = c.send("GET /none HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(none.code()).isEqualTo(204);
            assertThat(none.headers).doesNotContainKeys("content-length", "transfer-encoding");
            RawClient.Answer empty = c.send("GET /empty HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(empty.headers).containsEntry("content-length", "0");
            assertThat(c.send(post("/after", "z")).read().body).isEqualTo("POST /after HTTP/1.1 z");
        }
    }

    @Test
    void http_1_0_gets_its_answer_and_the_connection_closed_unless_it_asked_to_keep_it() throws Exception {
        int port = start();
        try (RawClient c = new RawClient(port)) {
            RawClient.Answer a = c.send("GET /old HTTP/1.0\r\n\r\n").read();
            assertThat(a.body).isEqualTo("GET /old HTTP/1.0 ");
            assertThat(a.headers).containsEntry("connection", "close");
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawClient c = new RawClient(port)) {
            c.send("GET /stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            while (!c.line().isEmpty()) {
                // a chunked answer is no answer for HTTP/1.0: its body ends with the connection
            }
            firstChunkRead.countDown();
            assertThat(new String(c.socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("first,second");
        }
    }

    @Test
    void heads_that_cannot_be_read_get_their_status_and_the_connection_closed() throws Exception {
        int port = start();
        String[][] cases = {
            {"NONSENSE\r\n\r\n", "400"},
            {"GET /x HTTP/2.0\r\n\r\n", "505"},
            {"GET /x HTTP/1.1\r\nNo colon here\r\n\r\n", "400"},
            {"POST /x HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", "400"},
            {"POST /x HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", "400"},
            {"POST /x HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "400"},
            {"POST /x HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", "501"},
            {"GET /x HTTP/1.1\r\n" + "H: v\r\n".repeat(RequestHead.MAX_HEADERS + 1) + "\r\n", "431"},
            {"GET /" + "x".repeat(RequestHead.MAX_LINE + 10) + " HTTP/1.1\r\n\r\n", "431"},
            {"GET /x HTTP/1.1\r\n" + ("H: " + "v".repeat(4000) + "\r\n").repeat(70) + "\r\n", "431"},
            {"GET /x HTTP/1.1\r\nX-A: a\rb\r\n\r\n", "400"},
            {"POST /x HTTP/1.1\r\nTransfer-Encoding: chunked, identity\r\n\r\n", "501"},
            {"POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n", "501"},
            {"POST /x HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "400"},
        };
        for (String[] bad : cases) {
            try (RawClient c = new RawClient(port)) {
                RawClient.Answer a = c.send(bad[0]).read();
                assertThat(a.status).as(bad[0].substring(0, Math.min(60, bad[0].length()))).startsWith("HTTP/1.1 " + bad[1]);
                assertThat(a.headers).containsEntry("connection", "close");
                assertThat(c.closedByServer()).isTrue();
            }
        }
        // A body whose framing is wrong is found by the handler's read, which fails: the connection drops.
        for (String size : new String[] {"-1", "+3", " 3", "3 3", "x"}) {
            try (RawClient c = new RawClient(port)) {
                c.send("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + size + "\r\nabc\r\n0\r\n\r\n");
                assertThat(c.closedByServer()).as("chunk size \"%s\"", size).isTrue();
            }
        }
        try (RawClient c = new RawClient(port)) {
            assertThat(c.send(post("/still", "ok")).read().body).isEqualTo("POST /still HTTP/1.1 ok");
        }
    }

    @Test
    void an_answer_cut_short_of_its_length_or_a_failing_handler_drops_the_connection_and_no_other() throws Exception {
        int port = start();
        try (RawClient c = new RawClient(port)) {
            c.send("GET /short HTTP/1.1\r\nHost: x\r\n\r\n");
            while (!c.line().isEmpty()) {
                // the head, which says 10 bytes
            }
            assertThat(c.socket.getInputStream().readAllBytes()).hasSize(3); // then the end: never a next answer
        }
        try (RawClient c = new RawClient(port)) {
            c.send("GET /throw HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawClient c = new RawClient(port)) {
            assertThat(c.send(post("/fine", "1")).read().body).isEqualTo("POST /fine HTTP/1.1 1");
        }
    }

    @Test
    void connections_idle_longer_than_a_thread_waits_are_parked_without_a_thread_and_served_again() throws Exception {
        int port = start(2, 100);
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                RawClient c = new RawClient(port);
                clients.add(c);
                assertThat(c.send(post("/first", Integer.toString(i))).read().body).isEqualTo("POST /first HTTP/1.1 " + i);
            }
            sleep(Connection.LINGER_MILLIS * 4L);
            assertThat(serving()).as("threads serving connections").isLessThanOrEqualTo(2);
            for (int i = 0; i < clients.size(); i++) {
                RawClient.Answer again = clients.get(i).send(post("/again", Integer.toString(i))).read();
                assertThat(again.body).isEqualTo("POST /again HTTP/1.1 " + i);
                assertThat(again.headers).containsEntry("x-client-port", Integer.toString(clients.get(i).socket.getLocalPort()));
            }
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void beyond_the_most_idle_connections_kept_a_parked_one_is_closed() throws Exception {
        int port = start(4, 3);
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                RawClient c = new RawClient(port);
                clients.add(c);
                c.send(post("/first", "x")).read();
            }
            sleep(Connection.LINGER_MILLIS * 4L);
            int closed = 0;
            for (RawClient c : clients) {
                c.socket.setSoTimeout(200);
                try {
                    if (c.socket.getInputStream().read() == -1) {
                        closed++;
                    }
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // kept
                }
            }
            assertThat(closed).isEqualTo(3);
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void a_connection_idle_for_the_idle_timeout_is_closed_and_forgotten() throws Exception {
        int port = start(4, 100, Duration.ofMillis(300));
        try (RawClient quiet = new RawClient(port); RawClient talking = new RawClient(port)) {
            quiet.send(post("/first", "q")).read();
            long end = System.nanoTime() + Duration.ofMillis(900).toNanos();
            while (System.nanoTime() < end) {
                talking.send(post("/keep", "t")).read(); // busy: never idle
                sleep(20);
            }
            assertThat(quiet.closedByServer()).isTrue();
            assertThat(talking.send(post("/still", "t")).read().body).isEqualTo("POST /still HTTP/1.1 t");
            assertThat(server.openConnections()).isEqualTo(1);
        }
    }

    @Test
    void with_every_thread_taken_by_a_busy_connection_a_new_one_is_still_served() throws Exception {
        int port = start(2, 100);
        List<Thread> busy = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        try {
            for (int i = 0; i < 2; i++) {
                Thread t = new Thread(() -> {
                    // A keep-alive client that sends its next request as soon as it has its answer.
                    try (RawClient c = new RawClient(port)) {
                        while (System.nanoTime() < until) {
                            c.send(post("/busy", "b")).read();
                        }
                    } catch (IOException | RuntimeException e) {
                        failures.add(e);
                    }
                });
                t.start();
                busy.add(t);
            }
            sleep(200);
            long started = System.nanoTime();
            try (RawClient c = new RawClient(port)) {
                assertThat(c.send(post("/third", "t")).read().body).isEqualTo("POST /third HTTP/1.1 t");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited for a thread").isLessThan(Duration.ofSeconds(2));
        } finally {
            for (Thread t : busy) {
                t.join();
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void the_jdk_client_gets_fixed_chunked_and_empty_answers_over_kept_connections() throws Exception {
        int port = start();
        firstChunkRead.countDown();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> fixed = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/p"))
                    .POST(HttpRequest.BodyPublishers.ofString("b" + i)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(fixed.body()).isEqualTo("POST /p HTTP/1.1 b" + i);
            HttpResponse<String> chunked = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stream")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.body()).isEqualTo("first,second");
            HttpResponse<String> none = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/none")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(204);
        }
    }

    @Test
    void stop_closes_busy_and_idle_connections_and_frees_the_port() throws Exception {
        int port = start();
        try (RawClient idle = new RawClient(port); RawClient fresh = new RawClient(port)) {
            idle.send(post("/first", "x")).read();
            sleep(Connection.LINGER_MILLIS * 4L);
            server.stop(1);
            server = null;
            assertThat(idle.closedByServer()).isTrue();
            assertThat(fresh.closedByServer()).isTrue();
        }
        assertThat(refused(port)).isTrue();
    }

    private static boolean refused(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }

    private static int serving() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("test-http-")) {
                n++;
            }
        }
        return n;
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.replay4j.Layout;
import dev.replay4j.Mode;
import dev.replay4j.ReplayProxy;
import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.ChatBodies;
import dev.replay4j.fakeupstream.testing.Http;
import dev.replay4j.fakeupstream.testing.HttpConnection;
import dev.replay4j.internal.api.Endpoints;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.recording.ApiTypes;
import dev.replay4j.internal.recording.RecordedRequest;
import dev.replay4j.internal.recording.RecordedResponse;
import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.store.RecordingStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class ServingFaultsTest {
    @TempDir
    Path dir;

    private static String chat(String prompt, boolean stream) {
        return stream ? ChatBodies.openAiStreaming(prompt) : ChatBodies.openAi(prompt);
    }

    /** Saves a recording of {@code chat(prompt)} for requests without test id; a stream of {@code chunks} chunks. */
    private Path record(Path root, String prompt, int chunks) throws Exception {
        var list = Json.nodes().arrayNode();
        for (int i = 0; i < chunks; i++) {
            list.add(ApiTypes.wrap(Endpoints.chunkType("/v1/chat/completions"),
                    Json.parse("{\"id\": \"rec-1\", \"choices\": [{\"index\": 0, \"delta\": {\"content\": \"word " + i + " " + "x".repeat(200) + "\"}}]}")));
        }
        return new RecordingStore(root, Layout.JAVA).save(new Recording(null, new RecordedRequest("POST", "/v1/chat/completions",
                Json.object(), Json.parse(chat(prompt, chunks > 0)), "/v1/chat/completions", "m"),
                chunks > 0 ? RecordedResponse.of(list, true) : RecordedResponse.of(Json.parse("{\"answer\": \"" + prompt + "\"}"), false)));
    }

    private static HttpResponse<String> post(ReplayProxy proxy, String body) {
        return Http.post(proxy.url() + "/v1/chat/completions", body);
    }

    @Test
    void a_malformed_recording_gets_an_error_naming_the_file_and_every_other_recording_is_still_served() throws Exception {
        record(dir, "good", 0);
        Path broken = record(dir, "broken", 0);
        Files.writeString(broken, "{\"test_id\": null, \"request\": {\"method\": \"POST\", \"url\"");
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            HttpResponse<String> bad = post(proxy, chat("broken", false));
            assertThat(bad.statusCode()).isEqualTo(500);
            assertThat(Json.parse(bad.body()).at("/error/message").textValue())
                    .contains("_shared/" + broken.getFileName() + ": not valid JSON").contains("record it again");
            assertThat(post(proxy, chat("good", false)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void malformed_http_is_refused_and_the_proxy_keeps_serving() throws Exception {
        record(dir, "good", 0);
        String good = chat("good", false);
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            assertThat(rawExchange(proxy, "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: "
                    + good.length() + "\r\n\r\n" + good)).as("the same request, well formed").startsWith("HTTP/1.1 200 ");
            String[] garbage = {"GARBAGE\r\n\r\n", "POST /v1 HTTP/1.1\r\nContent-Length: nope\r\n\r\n", "\u0000\u0001\u0002\r\n\r\n",
                    "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{\"a\"",
                    // A whole recorded request, but shorter than it says: it must not be taken as complete and replayed.
                    "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: " + (good.length() + 10) + "\r\n\r\n" + good};
            for (String request : garbage) {
                String answer = rawExchange(proxy, request);
                assertThat(answer).as("the answer to %s", request.replace("\r\n", "\\r\\n"))
                        .satisfiesAnyOf(a -> assertThat(a).isEmpty(), a -> assertThat(a).startsWith("HTTP/1.1 400 "));
            }
            assertThat(post(proxy, good).statusCode()).isEqualTo(200);
        }
    }

    /**
     * Writes the bytes, closes the sending side, and returns all that comes back ({@code ""} when the proxy closes or
     * resets the connection without an answer).
     */
    private static String rawExchange(ReplayProxy proxy, String request) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", proxy.port()));
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.shutdownOutput();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                s.getInputStream().transferTo(answer);
            } catch (SocketException e) {
                // a reset: the answer is what came before it, usually nothing
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void links_that_lead_outside_the_recordings_root_are_ignored_and_never_served_or_written_through() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path secret = record(outside, "secret", 0);
        Path root = Files.createDirectories(dir.resolve("root"));
        Path shared = Files.createDirectories(root.resolve("_shared"));
        Files.createSymbolicLink(shared.resolve(secret.getFileName()), secret);
        Path inside = record(root, "inside", 0);
        Files.createSymbolicLink(shared.resolve("alias-" + inside.getFileName()), inside);
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(root).build().start()) {
            HttpResponse<String> r = post(proxy, chat("secret", false));
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).doesNotContain("\"answer\"");
            assertThat(post(proxy, chat("inside", false)).statusCode()).isEqualTo(200);
        }
        // A test folder that is a link to outside the root is not written through.
        try (FakeUpstream upstream = FakeUpstream.start();
             ReplayProxy proxy = ReplayProxy.builder().recordings(root).mode(Mode.RECORD).upstream(upstream.url()).build().start()) {
            Files.createDirectories(root.resolve("com/acme"));
            Files.createSymbolicLink(root.resolve("com/acme/LinkTest"), outside);
            HttpResponse<String> r = Http.post(proxy.baseUrl("com.acme.LinkTest::t") + "/v1/chat/completions", chat("x", false));
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(Json.parse(r.body()).at("/error/message").textValue()).contains("outside the recordings root");
        }
        // A link higher up: nothing may be created beyond it, and the upstream is not even called.
        Files.createSymbolicLink(root.resolve("org"), outside);
        try (FakeUpstream upstream = FakeUpstream.start();
             ReplayProxy proxy = ReplayProxy.builder().recordings(root).mode(Mode.RECORD).upstream(upstream.url()).build().start()) {
            HttpResponse<String> r = Http.post(proxy.baseUrl("org.acme.deep.X::t") + "/v1/chat/completions", chat("y", false));
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(Json.parse(r.body()).at("/error/message").textValue()).contains("will not record").contains("outside the recordings root");
            assertThat(upstream.calls()).isZero();
        }
        try (var files = Files.walk(outside)) {
            assertThat(files).containsExactlyInAnyOrder(outside, secret.getParent(), secret);
        }
    }

    @Test
    void ten_thousand_requests_with_clients_hanging_up_mid_stream_leave_no_thread_socket_or_memory_growth() throws Exception {
        for (int i = 0; i < 20; i++) {
            record(dir, "q" + i, i % 2 == 0 ? 0 : 120); // streamed answers of about 30 KB
        }
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger hungUp = new AtomicInteger();
            // A warm-up round of the same mix: the pools on both sides reach their working size first.
            runAll(mixedLoad(proxy, 16, 100, ok, hungUp));
            long threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            long fdsBefore = openFiles();
            long heapBefore = usedHeapAfterGc();

            ok.set(0);
            hungUp.set(0);
            runAll(mixedLoad(proxy, 16, 625, ok, hungUp));
            assertThat(ok.get()).as("answered in full").isEqualTo(16 * 500);
            assertThat(hungUp.get()).as("hung up mid-stream").isEqualTo(16 * 125);

            Thread.sleep(200);
            long threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            long fdsAfter = openFiles();
            long heapAfter = usedHeapAfterGc();
            String figures = String.format("threads %d -> %d, open files %d -> %d, heap %d KB -> %d KB",
                    threadsBefore, threadsAfter, fdsBefore, fdsAfter, heapBefore / 1024, heapAfter / 1024);
            // The cached pool may keep up to one thread per concurrent connection; growth beyond that is a leak.
            assertThat(threadsAfter).as(figures).isLessThanOrEqualTo(threadsBefore + 24);
            assertThat(fdsAfter).as(figures).isLessThanOrEqualTo(fdsBefore + 40);
            assertThat(heapAfter).as(figures).isLessThanOrEqualTo(heapBefore + 32L * 1024 * 1024);
            assertThat(post(proxy, chat("q0", false)).statusCode()).isEqualTo(200);
        }
    }

    /**
     * {@code clients} loops of {@code perClient} requests: one in five hangs up mid-stream, the rest read the whole
     * answer, each loop on one keep-alive connection of its own. That connection is written and read by hand
     * ({@link HttpConnection}): with the 16 loops sharing one JDK 17 {@code HttpClient}, its pool now and then handed a
     * reused connection's answer to the watcher of the idle connection, which closed it ("HTTP/1.1 header parser
     * received no bytes", in one repetition of this test in 10 to 20; JDK-8338569, fixed in JDK 24): a client's fault, not the server's.
     * A raw reader also fails on any byte the server sends beyond an answer's end.
     */
    private static List<Runnable> mixedLoad(ReplayProxy proxy, int clients, int perClient, AtomicInteger ok, AtomicInteger hungUp) {
        List<Runnable> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int n = c;
            work.add(() -> {
                try (HttpConnection connection = new HttpConnection(proxy.port(), 10_000)) {
                    for (int i = 0; i < perClient; i++) {
                        if ((i + n) % 5 == 0) {
                            if (hangUpMidStream(proxy, "q" + (1 + 2 * (i % 10)))) {
                                hungUp.incrementAndGet();
                            }
                            continue;
                        }
                        byte[] request = HttpConnection.post(proxy.port(), "/v1/chat/completions",
                                chat("q" + (i % 20), i % 2 == 1).getBytes(StandardCharsets.UTF_8), false);
                        if (connection.exchange(request, null) == 200) {
                            ok.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return work;
    }

    /** Sends a streaming request on a raw socket, reads a little of the answer, and closes. */
    private static boolean hangUpMidStream(ReplayProxy proxy, String prompt) {
        String body = chat(prompt, true);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", proxy.port()));
            s.setSoTimeout(10_000);
            s.setSoLinger(true, 0); // a reset, as a killed client gives
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            InputStream in = s.getInputStream();
            byte[] some = new byte[512];
            return in.read(some) > 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static void runAll(List<Runnable> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<?>> futures = new ArrayList<>();
            tasks.forEach(t -> futures.add(pool.submit(t)));
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long openFiles() {
        return ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getOpenFileDescriptorCount();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

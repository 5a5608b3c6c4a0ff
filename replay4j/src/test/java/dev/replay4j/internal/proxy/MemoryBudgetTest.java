// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.replay4j.Layout;
import dev.replay4j.Mode;
import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.recording.RecordedRequest;
import dev.replay4j.internal.recording.RecordedResponse;
import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.store.RecordingStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies the proxy's memory cannot take get a 413 or a 503 in the API's error shape, read to their end first so
 * that the client sees the answer rather than a reset; what fits is served. Real sockets and files, and a budget
 * of a few MiB (the memory itself is measured by {@code BodyMemoryBench}, not here).
 */
@Timeout(120)
class MemoryBudgetTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ProxyServer proxy(Mode mode, String upstream, long budget) throws IOException {
        ProxyConfig.Builder config = ProxyConfig.builder().recordings(dir).mode(mode).bodyMemory(budget)
                .clientTimeout(Duration.ofSeconds(1));
        if (upstream != null) {
            config.upstream(upstream);
        }
        return new ProxyServer(config.build()).start();
    }

    /** A chat request of about {@code size} bytes: an image in a data URL. */
    private static String vision(String prompt, int size, boolean stream) {
        return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"},{\"role\":\"user\",\"content\":["
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + "QUJD".repeat(size / 4) + "\"}}]}]"
                + (stream ? ",\"stream\":true" : "") + "}";
    }

    private HttpResponse<String> post(ProxyServer proxy, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(proxy.url() + "/v1/chat/completions")).expectContinue(true)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String errorType(HttpResponse<String> r) throws Exception {
        return Json.parse(r.body()).at("/error/type").textValue();
    }

    @Test
    void a_body_the_budget_can_never_take_gets_413_and_the_client_reads_it() throws Exception {
        try (ProxyServer proxy = proxy(Mode.REPLAY, null, 8 * MIB)) {
            HttpResponse<String> r = post(proxy, vision("hi", 3 * MIB, false)); // counted at 12 MiB
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(errorType(r)).isEqualTo("replay4j_body_too_large");
            assertThat(r.body()).contains("of heap").contains("-Xmx").contains(MemoryBudget.PROPERTY);
            // A body it can take is served as before: here, an explained miss.
            assertThat(post(proxy, vision("hi", MIB / 2, false)).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void a_body_that_does_not_fit_beside_the_others_waits_then_gets_503_and_fits_once_they_are_done() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start(); ProxyServer proxy = proxy(Mode.RECORD, upstream.url(), 20 * MIB)) {
            FakeUpstream.StreamPause gate = upstream.pauseStreamsAfterFirstChunk();
            // The first holds 12 MiB of the 20 for as long as its stream lasts.
            CompletableFuture<HttpResponse<String>> first = http.sendAsync(HttpRequest.newBuilder(
                    URI.create(proxy.url() + "/v1/chat/completions")).POST(HttpRequest.BodyPublishers.ofString(
                    vision("first", 3 * MIB, true))).build(), HttpResponse.BodyHandlers.ofString());
            awaitCalls(upstream, 1);
            HttpResponse<String> second = post(proxy, vision("second", 3 * MIB, false));
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(errorType(second)).isEqualTo("replay4j_insufficient_memory");
            assertThat(second.headers().firstValue("Retry-After")).isPresent();
            assertThat(upstream.calls()).isEqualTo(1); // refused before the upstream was paid
            gate.release();
            assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(post(proxy, vision("second", 3 * MIB, false)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void an_upstream_answer_the_budget_cannot_take_gets_503_and_nothing_is_recorded() throws Exception {
        byte[] answer = ("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                + "\"assistant\",\"content\":\"" + "word ".repeat(MIB) + "\"}}]}").getBytes(StandardCharsets.US_ASCII);
        HttpServer upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        upstream.createContext("/", ex -> {
            try (InputStream in = ex.getRequestBody(); OutputStream out = ex.getResponseBody()) {
                in.transferTo(OutputStream.nullOutputStream());
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, answer.length);
                out.write(answer);
            } catch (IOException ignored) {
                // the proxy hung up: it refused the answer
            }
        });
        upstream.start();
        try (ProxyServer proxy = proxy(Mode.RECORD, "http://127.0.0.1:" + upstream.getAddress().getPort(), 8 * MIB)) {
            HttpResponse<String> r = post(proxy, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"long answer\"}]}");
            assertThat(r.statusCode()).isEqualTo(503); // 5 MiB of answer, counted at 20
            assertThat(errorType(r)).isEqualTo("replay4j_insufficient_memory");
            assertThat(r.body()).contains("nothing was recorded");
            assertThat(files()).isZero();
        } finally {
            upstream.stop(0);
        }
    }

    @Test
    void a_recording_the_budget_cannot_read_gets_503_naming_it() throws Exception {
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"big\"}]}";
        new RecordingStore(dir, Layout.JAVA).save(new Recording(null, new RecordedRequest("POST", "/v1/chat/completions",
                Json.object(), Json.parse(body), "/v1/chat/completions", "m"),
                RecordedResponse.of(Json.object().put("answer", "y".repeat(5 * MIB)), false)));
        try (ProxyServer proxy = proxy(Mode.REPLAY, null, 8 * MIB)) {
            HttpResponse<String> r = post(proxy, body); // a file of 5 MiB, counted at 10
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(errorType(r)).isEqualTo("replay4j_insufficient_memory");
            assertThat(r.body()).contains("found the recording").contains(".json");
        }
        try (ProxyServer proxy = proxy(Mode.REPLAY, null, 16 * MIB)) {
            HttpResponse<String> r = post(proxy, body);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).hasSizeGreaterThan(5 * MIB);
        }
    }

    private static void awaitCalls(FakeUpstream upstream, int calls) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (upstream.calls() < calls && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private long files() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }
}

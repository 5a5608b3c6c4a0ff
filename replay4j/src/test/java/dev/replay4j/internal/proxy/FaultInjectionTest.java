// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.Mode;
import dev.replay4j.ReplayProxy;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.usage.UsageReport;
import dev.replay4j.fakeupstream.FakeUpstream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Faults on demand, over real sockets: answered, damaged, never recorded, never forwarded. */
@Timeout(60)
class FaultInjectionTest {
    private static final String TEST = "com.acme.chat.ChatTest::faults";
    private static final String CHAT = "/v1/chat/completions";

    @TempDir
    Path dir;
    private FakeUpstream upstream;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void startUpstream() throws Exception {
        upstream = FakeUpstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    private ReplayProxy proxy(Mode mode, String... faults) throws Exception {
        ReplayProxy.Builder b = ReplayProxy.builder().recordings(dir).mode(mode);
        if (mode != Mode.REPLAY) {
            b.upstream(upstream.url());
        }
        for (String f : faults) {
            b.fault(f);
        }
        return b.build().start();
    }

    private HttpRequest request(String url, String body, String... headers) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return r.build();
    }

    private HttpResponse<String> post(String url, String body, String... headers) throws Exception {
        return http.send(request(url, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    private static String chat(String prompt, boolean stream) {
        return "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]"
                + (stream ? ",\"stream\":true" : "") + "}";
    }

    private List<Path> recordings() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private void record(String prompt, boolean stream) throws Exception {
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            assertThat(post(proxy.baseUrl(TEST) + CHAT, chat(prompt, stream)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_status_fault_answers_in_the_apis_shape_with_retry_after_and_never_calls_the_upstream() throws Exception {
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            HttpResponse<String> r = post(proxy.baseUrl(TEST) + CHAT, chat("hi", false), "X-Replay4j-Fault", "status=429,retry-after=2");
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(r.headers().firstValue("X-Replay4j-Fault-Applied")).hasValue("status=429,retry-after=2");
            JsonNode error = Json.parse(r.body()).get("error");
            assertThat(error.get("code").textValue()).isEqualTo("rate_limit_exceeded");
            assertThat(error.has("message")).isTrue();

            HttpResponse<String> a = post(proxy.baseUrl(TEST) + "/v1/messages", "{\"model\":\"claude\",\"max_tokens\":5,\"messages\":[]}",
                    "X-Replay4j-Fault", "status=529");
            assertThat(a.statusCode()).isEqualTo(529);
            assertThat(Json.parse(a.body()).at("/error/type").textValue()).isEqualTo("overloaded_error");
            assertThat(Json.parse(a.body()).get("type").textValue()).isEqualTo("error");

            HttpResponse<String> o = post(proxy.baseUrl(TEST) + "/api/chat", "{\"model\":\"llama3.2\",\"messages\":[]}",
                    "X-Replay4j-Fault", "status=503");
            assertThat(o.statusCode()).isEqualTo(503);
            assertThat(Json.parse(o.body()).get("error").isTextual()).isTrue();
        }
        assertThat(upstream.calls()).isZero();
        assertThat(recordings()).isEmpty();
    }

    @Test
    void in_live_mode_an_answering_fault_never_calls_the_upstream_and_a_damaging_one_goes_through() throws Exception {
        try (ReplayProxy proxy = proxy(Mode.LIVE)) {
            assertThat(post(proxy.baseUrl(TEST) + CHAT, chat("live", false), "X-Replay4j-Fault", "status=503").statusCode()).isEqualTo(503);
            assertThat(upstream.calls()).isZero();
            HttpResponse<String> delayed = post(proxy.baseUrl(TEST) + CHAT, chat("live", false), "X-Replay4j-Fault", "delay=10");
            assertThat(delayed.statusCode()).isEqualTo(200);
            assertThat(delayed.headers().firstValue("X-Replay4j-Fault-Applied")).hasValue("delay=10");
            assertThat(upstream.calls()).isEqualTo(1);
        }
        assertThat(recordings()).isEmpty();
    }

    @Test
    void a_malformed_header_is_a_400_naming_the_item_and_goes_no_further() throws Exception {
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            HttpResponse<String> r = post(proxy.baseUrl(TEST) + CHAT, chat("hi", false), "X-Replay4j-Fault", "status=429,colour=red");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("X-Replay4j-Error")).hasValue("replay4j_invalid_fault");
            assertThat(Json.parse(r.body()).at("/error/message").textValue()).contains("'colour' is not a fault item");
        }
        assertThat(upstream.calls()).isZero();
        assertThat(recordings()).isEmpty();
    }

    @Test
    void reset_closes_the_connection_without_an_answer() throws Exception {
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            assertThatThrownBy(() -> post(proxy.baseUrl(TEST) + CHAT, chat("hi", false), "X-Replay4j-Fault", "reset"))
                    .isInstanceOf(IOException.class);
        }
        assertThat(upstream.calls()).isZero();
        assertThat(recordings()).isEmpty();
    }

    @Test
    void cut_after_sends_the_first_events_of_a_replayed_stream_then_breaks_it() throws Exception {
        record("stream me", true);
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            List<String> whole = lines(proxy.baseUrl(TEST) + CHAT, chat("stream me", true));
            assertThat(whole).contains("data: [DONE]");
            assertThat(whole.stream().filter(l -> l.startsWith("data: {")).count()).isEqualTo(4); // the fake streams four chunks

            String cut = raw(proxy, TEST, chat("stream me", true), "cut-after=3");
            assertThat(count(cut, "data: {")).isEqualTo(3);
            assertThat(cut).doesNotContain("[DONE]").doesNotEndWith("0\r\n\r\n"); // no terminal chunk: a broken answer
        }
    }

    @Test
    void cut_after_breaks_a_forwarded_stream_and_nothing_is_recorded_or_forwarded_of_the_header() throws Exception {
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            String cut = raw(proxy, TEST, chat("live", true), "cut-after=2");
            assertThat(count(cut, "data: {")).isEqualTo(2);
            assertThat(cut).doesNotContain("[DONE]").doesNotEndWith("0\r\n\r\n");
        }
        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(upstream.received().get(0).headers()).doesNotContainKey("x-replay4j-fault");
        assertThat(recordings()).isEmpty();
    }

    @Test
    void cut_after_on_an_answer_that_is_not_a_stream_sends_the_first_bytes_then_closes() throws Exception {
        record("whole", false);
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            HttpRequest r = request(proxy.baseUrl(TEST) + CHAT, chat("whole", false), "X-Replay4j-Fault", "cut-after=10");
            HttpResponse<InputStream> response = http.send(r, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try (InputStream in = response.body()) {
                assertThatThrownBy(() -> {
                    byte[] buffer = new byte[64];
                    for (int k; (k = in.read(buffer)) >= 0; ) {
                        got.write(buffer, 0, k);
                    }
                }).isInstanceOf(IOException.class);
            }
            assertThat(got.toString(StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"rec"); // 10 bytes
        }
    }

    @Test
    void delay_waits_before_the_first_byte_of_a_replay() throws Exception {
        record("slow", false);
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            long start = System.nanoTime();
            HttpResponse<String> r = post(proxy.baseUrl(TEST) + CHAT, chat("slow", false), "X-Replay4j-Fault", "delay=400");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(ms).isGreaterThanOrEqualTo(400); // a lower bound only: never flaky
        }
    }

    @Test
    void a_delayed_answer_forwarded_in_record_mode_is_not_recorded() throws Exception {
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            HttpResponse<String> r = post(proxy.baseUrl(TEST) + CHAT, chat("slow upstream", false), "X-Replay4j-Fault", "delay=20");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("Echo: slow upstream");
            assertThat(post(proxy.baseUrl(TEST) + CHAT, chat("slow upstream", true), "X-Replay4j-Fault", "delay=20").body())
                    .contains("[DONE]");
        }
        assertThat(upstream.calls()).isEqualTo(2);
        assertThat(recordings()).as("a faulted exchange is never recorded").isEmpty();
    }

    @Test
    void a_proxy_fault_with_times_and_endpoint_fails_the_first_matching_requests_then_answers() throws Exception {
        Path usage = dir.resolve("usage.json");
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD_IF_MISSING).upstream(upstream.url())
                .fault("status=500,times=1,endpoint=/v1/embeddings").fault("status=429,times=2,endpoint=" + CHAT)
                .usageReport(usage).build().start()) {
            assertThat(post(proxy.baseUrl(TEST) + CHAT, chat("retry", false)).statusCode()).isEqualTo(429);
            assertThat(post(proxy.baseUrl(TEST) + CHAT, chat("retry", false)).statusCode()).isEqualTo(429);
            assertThat(upstream.calls()).isZero();
            assertThat(recordings()).isEmpty();
            assertThat(post(proxy.baseUrl(TEST) + CHAT, chat("retry", false)).statusCode()).isEqualTo(200);
            assertThat(upstream.calls()).isEqualTo(1);
            assertThat(recordings()).hasSize(1);
            assertThat(post(proxy.baseUrl(TEST) + "/v1/embeddings", "{\"model\":\"emb\",\"input\":\"x\"}").statusCode()).isEqualTo(500);
        }
        JsonNode report = Json.parse(Files.readAllBytes(usage));
        assertThat(report.get("faults")).hasSize(2);
        JsonNode chat = report.get("faults").get(0); // sorted: "status=429..." before "status=500..."
        assertThat(report.get("faults").get(1).get("path").textValue()).isEqualTo("/v1/embeddings");
        assertThat(chat.get("fault").textValue()).isEqualTo("status=429,times=2,endpoint=" + CHAT);
        assertThat(chat.get("source").textValue()).isEqualTo("proxy");
        assertThat(chat.get("count").intValue()).isEqualTo(2);
        assertThat(UsageReport.usedFiles(usage)).hasSize(1);
    }

    @Test
    void a_fault_set_for_one_test_touches_no_other_test() throws Exception {
        record("mine", false);
        try (ProxyServer proxy = new ProxyServer(ProxyConfig.builder().recordings(dir).build()).start()) {
            proxy.addTestFault(TEST, Fault.parse("status=503,times=1"));
            assertThat(post(proxy.baseUrl("com.acme.Other::t") + CHAT, chat("mine", false)).statusCode()).isEqualTo(404);
            assertThat(post(proxy.baseUrl(TEST) + CHAT, chat("mine", false)).statusCode()).isEqualTo(503);
            assertThat(post(proxy.baseUrl(TEST) + CHAT, chat("mine", false)).statusCode()).isEqualTo(200);
            proxy.addTestFault(TEST, Fault.parse("status=500"));
            proxy.clearTestFaults(TEST);
            assertThat(post(proxy.baseUrl(TEST) + CHAT, chat("mine", false)).statusCode()).isEqualTo(200);
            proxy.takeMisses("com.acme.Other::t");
        }
    }

    /** The raw bytes of the answer, as a plain socket reads them until the proxy closes the connection. */
    private static String raw(ReplayProxy proxy, String testId, String body, String fault) throws Exception {
        URI base = URI.create(proxy.baseUrl(testId));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            String head = "POST " + base.getRawPath() + CHAT + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\nX-Replay4j-Fault: " + fault + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    got.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // a reset after the last bytes: what was read is the answer
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private List<String> lines(String url, String body, String... headers) throws Exception {
        List<String> out = new ArrayList<>();
        readLines(url, body, out, headers);
        return out;
    }

    private void readLines(String url, String body, List<String> out, String... headers) throws Exception {
        HttpResponse<InputStream> r = http.send(request(url, body, headers), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                out.add(line);
            }
        }
    }
}

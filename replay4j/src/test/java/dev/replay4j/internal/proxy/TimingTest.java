// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.Mode;
import dev.replay4j.ReplayProxy;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.recording.RecordingFormat;
import dev.replay4j.internal.recording.RecordingFormatException;
import dev.replay4j.fakeupstream.FakeUpstream;
import java.io.BufferedReader;
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
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recorded timings and paced replay. Only lower bounds on time are asserted (a pause is at least so long), and
 * the one upper bound (an instant replay of a stream with a 0.8 s pause shows no 0.7 s gap) is generous; accuracy
 * is measured by the benchmark, not here.
 */
@Timeout(60)
class TimingTest {
    private static final String TEST = "com.acme.chat.ChatTest::paced";
    private static final String CHAT = "/v1/chat/completions";
    private static final String STREAM = "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"pace\"}],\"stream\":true}";
    private static final long PAUSE_MS = 800;

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

    private Path recording() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    /** Records the fake's stream, whose first chunk is followed by a pause of {@link #PAUSE_MS}. */
    private void recordWithPause(boolean timing) throws Exception {
        FakeUpstream.StreamPause gate = upstream.pauseStreamsAfterFirstChunk();
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD).upstream(upstream.url())
                .recordTiming(timing).build().start()) {
            assertThat(eventTimes(proxy.baseUrl(TEST), gate)).hasSize(5); // the fake's four chunks and [DONE]
        }
    }

    private List<Long> eventTimes(String base) throws Exception {
        return eventTimes(base, null);
    }

    /** Milliseconds from sending the request to each {@code data:} line; the gate opens {@link #PAUSE_MS} after the first. */
    private List<Long> eventTimes(String base, FakeUpstream.StreamPause gate) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + CHAT)).POST(HttpRequest.BodyPublishers.ofString(STREAM))
                .header("Content-Type", "application/json").build();
        long start = System.nanoTime();
        HttpResponse<java.io.InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        List<Long> times = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("data:")) {
                    times.add((System.nanoTime() - start) / 1_000_000);
                    if (gate != null && times.size() == 1) {
                        Thread.sleep(PAUSE_MS);
                        gate.release();
                    }
                }
            }
        }
        return times;
    }

    @Test
    void without_the_option_nothing_is_added_to_the_file() throws Exception {
        recordWithPause(false);
        JsonNode response = Json.parse(Files.readAllBytes(recording())).get("response");
        assertThat(response.has("first_byte_ms")).isFalse();
        assertThat(response.has("event_offsets_ms")).isFalse();
    }

    @Test
    void a_recorded_pause_is_kept_at_speed_1_halved_at_speed_2_and_gone_at_the_default_speed() throws Exception {
        recordWithPause(true);
        byte[] file = Files.readAllBytes(recording());
        JsonNode response = Json.parse(file).get("response");
        assertThat(response.get("first_byte_ms").isIntegralNumber()).isTrue();
        JsonNode offsets = response.get("event_offsets_ms");
        assertThat(offsets).hasSize(response.get("body").size());
        assertThat(offsets.get(1).longValue() - offsets.get(0).longValue()).isGreaterThanOrEqualTo(PAUSE_MS - 50);
        assertThat(RecordingFormat.write(RecordingFormat.read(file, "f"))).as("timings survive a read and a write").isEqualTo(file);

        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).replaySpeed(1).build().start()) {
            List<Long> t = eventTimes(proxy.baseUrl(TEST));
            assertThat(t).hasSize(5); // the fake's four chunks and [DONE]
            assertThat(t.get(1) - t.get(0)).isGreaterThanOrEqualTo(PAUSE_MS - 100);
        }
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).replaySpeed(2).build().start()) {
            List<Long> t = eventTimes(proxy.baseUrl(TEST));
            assertThat(t.get(1) - t.get(0)).isGreaterThanOrEqualTo(PAUSE_MS / 2 - 100);
        }
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            List<Long> t = eventTimes(proxy.baseUrl(TEST));
            assertThat(t).hasSize(5); // the fake's four chunks and [DONE]
            assertThat(t.get(1) - t.get(0)).as("instant, as before").isLessThan(PAUSE_MS - 100);
        }
    }

    @Test
    void a_stream_profile_paces_a_recording_without_timings() throws Exception {
        recordWithPause(false);
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).streamProfile("ttft=300,rate=5").build().start()) {
            List<Long> t = eventTimes(proxy.baseUrl(TEST));
            assertThat(t).hasSize(5); // the fake's four chunks and [DONE]
            assertThat(t.get(0)).isGreaterThanOrEqualTo(300);
            assertThat(t.get(3) - t.get(0)).as("3 events after the first, at 5 a second").isGreaterThanOrEqualTo(600 - 50);
        }
    }

    @Test
    void bad_timings_and_profiles_are_clear_errors() {
        String base = "{\"request\":{\"method\":\"POST\",\"url\":\"http://x/v1/chat/completions\",\"body\":{}},\"response\":{"
                + "\"body\":[\"data: a\",\"\"],\"is_streaming\":true,";
        assertThatThrownBy(() -> RecordingFormat.read((base + "\"first_byte_ms\":\"soon\"}}").getBytes(StandardCharsets.UTF_8), "f.json"))
                .isInstanceOf(RecordingFormatException.class).hasMessageContaining("f.json: response.first_byte_ms must be a whole number");
        assertThatThrownBy(() -> RecordingFormat.read((base + "\"first_byte_ms\":5,\"event_offsets_ms\":[7]}}").getBytes(StandardCharsets.UTF_8), "f.json"))
                .isInstanceOf(RecordingFormatException.class).hasMessageContaining("has 1 offsets, but the body holds 2 events");
        assertThatThrownBy(() -> RecordingFormat.read((base + "\"first_byte_ms\":5,\"event_offsets_ms\":[9,7]}}").getBytes(StandardCharsets.UTF_8), "f.json"))
                .isInstanceOf(RecordingFormatException.class).hasMessageContaining("never go down");
        assertThatThrownBy(() -> StreamProfile.parse("ttft=300")).hasMessageContaining("needs both ttft=MS and rate=N");
        assertThatThrownBy(() -> StreamProfile.parse("ttft=300,rate=0")).hasMessageContaining("'rate=0'");
        assertThatThrownBy(() -> StreamProfile.parse("ttft=3s,rate=4")).hasMessageContaining("'ttft=3s'");
        assertThatThrownBy(() -> ReplayProxy.builder().replaySpeed(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replay speed");
    }

    @Test
    void a_request_arriving_meanwhile_does_not_move_another_ones_recorded_first_byte() throws Exception {
        // A sends its headers, then its body 800 ms later; B arrives in between. A's first byte counts from A's
        // arrival. (JDK 17's exchange attributes are the context's: keeping the arrival there let B overwrite it.)
        String slow = "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"slow\"}]}";
        String quick = "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"quick\"}]}";
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD).upstream(upstream.url())
                .recordTiming(true).build().start();
             java.net.Socket a = new java.net.Socket("127.0.0.1", proxy.url().getPort())) {
            byte[] body = slow.getBytes(StandardCharsets.UTF_8);
            java.io.OutputStream out = a.getOutputStream();
            out.write(("POST " + URI.create(proxy.baseUrl(TEST)).getPath() + CHAT + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(PAUSE_MS / 2);
            HttpResponse<String> b = http.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl(TEST) + CHAT))
                    .POST(HttpRequest.BodyPublishers.ofString(quick)).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(b.statusCode()).isEqualTo(200);
            Thread.sleep(PAUSE_MS / 2);
            out.write(body);
            out.flush();
            String answer = new String(a.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200");
        }
        JsonNode recorded = null;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode r = Json.parse(Files.readAllBytes(file));
                if (r.toString().contains("slow")) {
                    recorded = r;
                }
            }
        }
        assertThat(recorded).as("the slow request's recording").isNotNull();
        assertThat(recorded.at("/response/first_byte_ms").asLong()).isGreaterThanOrEqualTo(PAUSE_MS - 100);
    }
}

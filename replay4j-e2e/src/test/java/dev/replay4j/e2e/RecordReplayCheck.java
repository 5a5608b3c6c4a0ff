// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.Mode;
import dev.replay4j.ReplayProxy;
import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.RecordingFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The three steps every client goes through: record against the fake upstream; replay with the upstream stopped
 * and get the very same answers (they carry the upstream's call number, so a fresh call would differ); then
 * record-if-missing, which replays the old exchanges and calls the upstream for the new one only.
 */
final class RecordReplayCheck {
    /** What each client sends as its key: it must reach the upstream, and never a recording. */
    static final String API_KEY = "sk-replay4j-e2e-DUMMY-KEY-0123456789";

    /** Some calls of a client library, pointed at a proxy; returns what the library handed back, as text. */
    @FunctionalInterface
    interface Calls {
        List<String> run(String baseUrl) throws Exception;
    }

    private RecordReplayCheck() {
    }

    static List<String> check(Path recordings, String testId, Calls calls, Calls newCall) throws Exception {
        return checkWithModels(recordings, testId, List.of("gpt-test"), calls, newCall);
    }

    /** {@link #check}, with the fake upstream listing these models. */
    static List<String> checkWithModels(Path recordings, String testId, List<String> models, Calls calls, Calls newCall)
            throws Exception {
        List<String> recorded;
        int exchanges;
        try (FakeUpstream upstream = FakeUpstream.start().models(models.toArray(String[]::new));
             ReplayProxy proxy = proxy(recordings, Mode.RECORD, upstream)) {
            recorded = calls.run(proxy.baseUrl(testId));
            exchanges = upstream.calls();
            assertThat(upstream.received()).as("the key reaches the upstream")
                    .allMatch(r -> r.headers().toString().contains(API_KEY));
        }
        assertThat(exchanges).isPositive();
        assertThat(RecordingFiles.all(recordings)).as("one recording per exchange").hasSize(exchanges);
        assertNoKeyOnDisk(recordings);

        try (ReplayProxy proxy = proxy(recordings, Mode.REPLAY, null)) {
            assertThat(calls.run(proxy.baseUrl(testId))).as("replayed with the upstream stopped").isEqualTo(recorded);
            assertThat(proxy.takeMisses(testId)).isEmpty();
        }

        try (FakeUpstream upstream = FakeUpstream.start().models(models.toArray(String[]::new));
             ReplayProxy proxy = proxy(recordings, Mode.RECORD_IF_MISSING, upstream)) {
            assertThat(calls.run(proxy.baseUrl(testId))).isEqualTo(recorded);
            assertThat(upstream.calls()).as("nothing new yet").isZero();
            assertThat(newCall.run(proxy.baseUrl(testId))).isNotEmpty();
            assertThat(upstream.calls()).as("only the new exchange goes upstream").isEqualTo(1);
        }
        assertThat(RecordingFiles.all(recordings)).hasSize(exchanges + 1);
        assertNoKeyOnDisk(recordings);
        return recorded;
    }

    /** The proxy's root URL of a {@code baseUrl(testId)}, for a client that sends the test id as a header instead. */
    static String rootOf(String baseUrl) {
        int prefix = baseUrl.indexOf("/_replay4j/test/");
        return prefix < 0 ? baseUrl : baseUrl.substring(0, prefix);
    }

    /** The test id of a {@code baseUrl(testId)}, percent-encoded as the {@code X-Replay4j-Test-Id} header takes it. */
    static String testIdOf(String baseUrl) {
        int prefix = baseUrl.indexOf("/_replay4j/test/");
        return baseUrl.substring(prefix + "/_replay4j/test/".length());
    }

    static ReplayProxy proxy(Path recordings, Mode mode, FakeUpstream upstream) throws IOException {
        ReplayProxy.Builder builder = ReplayProxy.builder().recordings(recordings).mode(mode);
        if (upstream != null) {
            builder.upstream(upstream.url());
        }
        return builder.build().start();
    }

    private static void assertNoKeyOnDisk(Path recordings) {
        for (Path file : RecordingFiles.all(recordings)) {
            assertThat(RecordingFiles.read(file)).as(file.toString()).doesNotContain(API_KEY).doesNotContain("DUMMY-KEY");
        }
    }
}

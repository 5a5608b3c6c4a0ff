package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.Layout;
import dev.replay4j.ReplayProxy;
import dev.replay4j.fakeupstream.testing.Http;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.recording.RecordedRequest;
import dev.replay4j.internal.recording.RecordedResponse;
import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.recording.RecordingFormat;
import dev.replay4j.internal.store.RecordingStore;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The answer cache and the key memo must never serve what is no longer on disk. */
@Timeout(60)
class ReplayCacheTest {
    private static final String PATH = "/v1/chat/completions";
    private static final String BODY = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String TEST = "com.acme.CacheTest::t";

    @TempDir
    Path dir;

    private static Recording recording(String testId, String answer) throws Exception {
        JsonNode body = Json.parse(BODY);
        ObjectNode wire = Json.object();
        wire.put("id", "chatcmpl-1");
        wire.put("object", "chat.completion");
        wire.putArray("choices").addObject().putObject("message").put("role", "assistant").put("content", answer);
        return new Recording(testId, new RecordedRequest("POST", PATH, Json.object(), body, PATH, "m"), RecordedResponse.of(wire, false));
    }

    private static HttpResponse<String> post(ReplayProxy proxy, String testId) {
        return Http.post((testId == null ? proxy.url().toString() : proxy.baseUrl(testId)) + PATH, BODY);
    }

    @Test
    void aRecordingRecordedAgainAfterItWasServedIsServedAnew() throws Exception {
        RecordingStore store = new RecordingStore(dir, Layout.JAVA);
        store.save(recording(null, "first"));
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            for (int i = 0; i < 3; i++) { // served, then from the cache, then with the keys memoised
                assertThat(post(proxy, null).body()).contains("first");
            }
            store.save(recording(null, "second")); // an atomic rename, as record mode does
            assertThat(post(proxy, null).body()).contains("second").doesNotContain("first");
        }
    }

    @Test
    void aRecordingEditedInPlaceIsServedAsEdited() throws Exception {
        RecordingStore store = new RecordingStore(dir, Layout.JAVA);
        Path file = store.save(recording(null, "before"));
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            for (int i = 0; i < 3; i++) {
                assertThat(post(proxy, null).body()).contains("before");
            }
            // Same size, same inode, written in place; only the modification time tells.
            FileTime mtime = Files.getLastModifiedTime(file);
            Files.write(file, RecordingFormat.write(recording(null, "after!")));
            Files.setLastModifiedTime(file, FileTime.fromMillis(mtime.toMillis() + 2000));
            assertThat(post(proxy, null).body()).contains("after!").doesNotContain("before");
        }
    }

    @Test
    void aDeletedRecordingIsAMissEvenForARequestSeenBefore() throws Exception {
        RecordingStore store = new RecordingStore(dir, Layout.JAVA);
        Path file = store.save(recording(null, "here"));
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            for (int i = 0; i < 3; i++) {
                assertThat(post(proxy, null).statusCode()).isEqualTo(200);
            }
            Files.delete(file);
            HttpResponse<String> miss = post(proxy, null);
            assertThat(miss.statusCode()).isEqualTo(404);
            assertThat(miss.headers().firstValue("X-Replay4j-Miss")).contains("true");
            assertThat(proxy.takeMisses(null)).hasSize(1);
        }
    }

    @Test
    void aTestsOwnRecordingMadeLaterWinsOverTheFallbackServedBefore() throws Exception {
        RecordingStore store = new RecordingStore(dir, Layout.JAVA);
        store.save(recording(null, "shared"));
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            for (int i = 0; i < 3; i++) {
                assertThat(post(proxy, TEST).body()).contains("shared");
            }
            store.save(recording(TEST, "own"));
            HttpResponse<String> own = post(proxy, TEST);
            assertThat(own.body()).contains("own");
            assertThat(own.headers().firstValue("X-Replay4j-Recording")).hasValueSatisfying(v -> assertThat(v).startsWith("com/acme/CacheTest/"));
        }
    }

    @Test
    void theAnswerCacheStaysWithinItsBound() throws Exception {
        AnswerCache cache = new AnswerCache(10_000);
        AnswerCache.Version v = new AnswerCache.Version(FileTime.fromMillis(1), 1, null);
        for (int i = 0; i < 100; i++) {
            cache.put(Path.of("f" + i), v, new AnswerCache.Answer(200, "application/json", new byte[1000], "f" + i));
        }
        assertThat(cache.bytes()).isLessThanOrEqualTo(10_000);
        assertThat(cache.size()).isBetween(1, 9);
        assertThat(cache.get(Path.of("f99"), v)).isNotNull(); // the most recent stays
        assertThat(cache.get(Path.of("f0"), v)).isNull(); // the eldest went
        assertThat(cache.get(Path.of("f99"), new AnswerCache.Version(FileTime.fromMillis(2), 1, null))).isNull();
        cache.put(Path.of("big"), v, new AnswerCache.Answer(200, "application/json", new byte[5000], "big"));
        assertThat(cache.get(Path.of("big"), v)).isNull(); // more than a quarter of the bound: never held
    }

    @Test
    void theKeyMemoStaysWithinItsBound() {
        KeyMemo memo = new KeyMemo(20_000);
        for (int i = 0; i < 100; i++) {
            memo.put(new KeyMemo.Request("POST", PATH, null, null, new byte[1000 + i]), java.util.List.of());
        }
        assertThat(memo.size()).isBetween(1, 19);
        assertThat(memo.get(new KeyMemo.Request("POST", PATH, null, null, new byte[1099]))).isNotNull();
        assertThat(memo.get(new KeyMemo.Request("POST", PATH, "t", null, new byte[1099]))).isNull();
    }
}

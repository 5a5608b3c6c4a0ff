// SPDX-License-Identifier: Apache-2.0
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
import java.nio.charset.StandardCharsets;
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

    /**
     * Proves that the proxy answers this request from its cache: the file is overwritten, in place, with as many bytes
     * that are not JSON and its modification time is put back, so that only reading the file could tell; the answer
     * must still be the one served before. The file is then restored as it was, cache entry and all.
     */
    private static void assertAnsweredFromTheCache(ReplayProxy proxy, String testId, Path file, String answer) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        FileTime modified = Files.getLastModifiedTime(file);
        Files.write(file, "x".repeat(bytes.length).getBytes(StandardCharsets.US_ASCII));
        Files.setLastModifiedTime(file, modified);
        HttpResponse<String> r = post(proxy, testId);
        assertThat(r.statusCode()).as("answered without reading the file again: " + r.body()).isEqualTo(200);
        assertThat(r.body()).contains(answer);
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, modified);
    }

    @Test
    void a_recording_recorded_again_after_it_was_served_is_served_anew() throws Exception {
        RecordingStore store = new RecordingStore(dir, Layout.JAVA);
        Path file = store.save(recording(null, "first"));
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            assertThat(post(proxy, null).body()).contains("first");
            assertAnsweredFromTheCache(proxy, null, file, "first");
            FileTime modified = Files.getLastModifiedTime(file);
            store.save(recording(null, "again")); // an atomic rename, as record mode does
            // Same size; same modification time, as on a file system that keeps whole seconds: only the file key tells.
            Files.setLastModifiedTime(file, modified);
            assertThat(post(proxy, null).body()).contains("again").doesNotContain("first");
        }
    }

    @Test
    void a_recording_edited_in_place_is_served_as_edited() throws Exception {
        RecordingStore store = new RecordingStore(dir, Layout.JAVA);
        Path file = store.save(recording(null, "before"));
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            assertThat(post(proxy, null).body()).contains("before");
            assertAnsweredFromTheCache(proxy, null, file, "before");
            // Same size, same file key (inode), written in place; only the modification time tells.
            FileTime modified = Files.getLastModifiedTime(file);
            Files.write(file, RecordingFormat.write(recording(null, "after!")));
            Files.setLastModifiedTime(file, FileTime.fromMillis(modified.toMillis() + 2000));
            assertThat(post(proxy, null).body()).contains("after!").doesNotContain("before");
        }
    }

    @Test
    void a_recording_edited_in_place_to_another_length_is_served_as_edited_even_with_its_old_modification_time() throws Exception {
        RecordingStore store = new RecordingStore(dir, Layout.JAVA);
        Path file = store.save(recording(null, "short"));
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            assertThat(post(proxy, null).body()).contains("short");
            assertAnsweredFromTheCache(proxy, null, file, "short");
            // Same file key, same modification time; only the size tells.
            FileTime modified = Files.getLastModifiedTime(file);
            Files.write(file, RecordingFormat.write(recording(null, "a longer answer")));
            Files.setLastModifiedTime(file, modified);
            assertThat(post(proxy, null).body()).contains("a longer answer");
        }
    }

    @Test
    void a_deleted_recording_is_a_miss_even_for_a_request_seen_before() throws Exception {
        RecordingStore store = new RecordingStore(dir, Layout.JAVA);
        Path file = store.save(recording(null, "here"));
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            assertThat(post(proxy, null).statusCode()).isEqualTo(200);
            assertAnsweredFromTheCache(proxy, null, file, "here");
            Files.delete(file);
            HttpResponse<String> miss = post(proxy, null);
            assertThat(miss.statusCode()).isEqualTo(404);
            assertThat(miss.headers().firstValue("X-Replay4j-Miss")).contains("true");
            assertThat(proxy.takeMisses(null)).hasSize(1);
        }
    }

    @Test
    void a_tests_own_recording_made_later_wins_over_the_fallback_served_before() throws Exception {
        RecordingStore store = new RecordingStore(dir, Layout.JAVA);
        // The test's recording, in the fallback folder (where a test without a folder of its own finds it).
        Path fallback = store.fallbackFolder().resolve(RecordingStore.keyOf(recording(TEST, "fallback")).hex() + ".json");
        Files.createDirectories(fallback.getParent());
        Files.write(fallback, RecordingFormat.write(recording(TEST, "fallback")));
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            HttpResponse<String> first = post(proxy, TEST);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).contains("fallback");
            assertAnsweredFromTheCache(proxy, TEST, fallback, "fallback");
            store.save(recording(TEST, "own"));
            HttpResponse<String> own = post(proxy, TEST);
            assertThat(own.statusCode()).isEqualTo(200);
            assertThat(own.body()).contains("own").doesNotContain("fallback");
            assertThat(own.headers().firstValue("X-Replay4j-Recording")).hasValueSatisfying(v -> assertThat(v).startsWith("com/acme/CacheTest/"));
        }
    }

    @Test
    void the_answer_cache_stays_within_its_bound() throws Exception {
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
    void the_key_memo_stays_within_its_bound() {
        KeyMemo memo = new KeyMemo(20_000);
        for (int i = 0; i < 100; i++) {
            memo.put(new KeyMemo.Request("POST", PATH, null, null, new byte[1000 + i]), java.util.List.of());
        }
        assertThat(memo.size()).isBetween(1, 19);
        assertThat(memo.get(new KeyMemo.Request("POST", PATH, null, null, new byte[1099]))).isNotNull();
        assertThat(memo.get(new KeyMemo.Request("POST", PATH, "t", null, new byte[1099]))).isNull();
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.Layout;
import dev.replay4j.internal.api.Endpoints;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.key.KeyVersion;
import dev.replay4j.internal.key.RequestKey;
import dev.replay4j.internal.recording.ApiTypes;
import dev.replay4j.internal.recording.RecordedRequest;
import dev.replay4j.internal.recording.RecordedResponse;
import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.recording.RecordingFormat;
import dev.replay4j.internal.recording.RecordingFormatException;
import dev.replay4j.verify.Verdict;
import dev.replay4j.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingStoreTest {
    @TempDir
    Path root;

    private static final String TEST = "com.acme.chat.ChatTest::answers_in_latin[1]";

    @Test
    void java_layout_puts_a_test_in_its_class_folder_and_others_in_shared() {
        RecordingStore store = new RecordingStore(root, Layout.JAVA);
        assertThat(store.folderFor(TEST)).isEqualTo(root.resolve("com/acme/chat/ChatTest"));
        assertThat(store.folderFor(null)).isEqualTo(root.resolve("_shared"));
        assertThat(store.searchFolders(TEST)).containsExactly(root.resolve("com/acme/chat/ChatTest"), root.resolve("_shared"));
    }

    @Test
    void tests_asked_about_in_turn_each_get_their_own_folder_and_id() {
        RecordingStore store = new RecordingStore(root, Layout.JAVA);
        String other = "com.acme.other.OtherTest::t";
        String decomposed = "com.acme.chat.ChatTest::cafe\u0301";
        for (int round = 0; round < 2; round++) {
            assertThat(store.folderFor(TEST)).isEqualTo(root.resolve("com/acme/chat/ChatTest"));
            assertThat(store.searchFolders(other)).containsExactly(root.resolve("com/acme/other/OtherTest"), root.resolve("_shared"));
            assertThat(store.normalizedTestId(decomposed)).isEqualTo("com.acme.chat.ChatTest::caf\u00e9");
            assertThat(store.folderFor(other)).isEqualTo(root.resolve("com/acme/other/OtherTest"));
            assertThat(store.normalizedTestId(TEST)).isEqualTo(TEST);
        }
        assertThatThrownBy(() -> store.folderFor("a/../../b::t")).isInstanceOf(InvalidTestIdException.class);
        assertThat(store.folderFor(TEST)).isEqualTo(root.resolve("com/acme/chat/ChatTest"));
    }

    @Test
    void llama_stack_layout_puts_a_test_in_the_recordings_folder_beside_its_file() {
        RecordingStore store = new RecordingStore(root, Layout.LLAMA_STACK);
        assertThat(store.folderFor("tests/integration/inference/test_x.py::test_a[p]"))
                .isEqualTo(root.resolve("tests/integration/inference/recordings"));
        assertThat(store.folderFor(null)).isEqualTo(root.resolve("tests/integration/common/recordings"));
    }

    @Test
    void a_test_id_that_would_leave_the_root_is_refused() {
        RecordingStore java = new RecordingStore(root, Layout.JAVA);
        RecordingStore llama = new RecordingStore(root, Layout.LLAMA_STACK);
        assertThatThrownBy(() -> llama.folderFor("../../etc/test_x.py::t")).isInstanceOf(InvalidTestIdException.class)
                .hasMessageContaining("outside the recordings root");
        assertThatThrownBy(() -> llama.folderFor("/etc/x/test_x.py::t")).isInstanceOf(InvalidTestIdException.class);
        assertThatThrownBy(() -> java.folderFor("/etc/passwd::t")).isInstanceOf(InvalidTestIdException.class);
        // In the java layout dots separate the names, so a slash is no separator but a character it refuses.
        assertThatThrownBy(() -> java.folderFor("a/../../b::t")).isInstanceOf(InvalidTestIdException.class)
                .hasMessageContaining("U+002F");
    }

    @Test
    void a_test_id_with_a_control_character_is_refused_and_the_message_shows_it() {
        RecordingStore store = new RecordingStore(root, Layout.JAVA);
        assertThatThrownBy(() -> store.folderFor("com.acme.T::m\r\nX-Evil: 1")).isInstanceOf(InvalidTestIdException.class)
                .hasMessageContaining("U+000D").hasMessageContaining("\\u000d");
        assertThatThrownBy(() -> store.folderFor("a\u0000b")).isInstanceOf(InvalidTestIdException.class);
    }

    @Test
    void a_saved_recording_is_found_by_its_test_and_not_by_another_test() throws Exception {
        RecordingStore store = new RecordingStore(root, Layout.JAVA);
        Recording recording = chat(TEST, "What's the name of the Sun in latin?");
        Path file = store.save(recording);

        assertThat(file.getParent()).isEqualTo(root.resolve("com/acme/chat/ChatTest"));
        assertThat(file.getFileName().toString()).isEqualTo(RecordingStore.keyOf(recording).hex() + ".json");
        assertThat(store.find(lookup(TEST, "What's the name of the Sun in latin?"))).map(Match::file).contains(file);
        assertThat(store.find(lookup("com.acme.chat.ChatTest::other", "What's the name of the Sun in latin?"))).isEmpty();
        assertThat(store.find(lookup(TEST, "another prompt"))).isEmpty();
    }

    @Test
    void a_recording_made_outside_any_test_is_found_through_the_fallback_only_by_requests_without_a_test_id() throws Exception {
        RecordingStore store = new RecordingStore(root, Layout.JAVA);
        Path file = store.save(chat(null, "hello"));
        assertThat(file.getParent()).isEqualTo(root.resolve("_shared"));
        assertThat(store.find(lookup(null, "hello"))).map(Match::file).contains(file);
        // The key carries the test id: a test's request has another key, even in the fallback folder.
        assertThat(store.find(lookup(TEST, "hello"))).isEmpty();
    }

    @Test
    void the_fallback_folder_answers_a_test_whose_own_folder_lacks_the_recording() throws Exception {
        RecordingStore store = new RecordingStore(root, Layout.JAVA);
        Recording recording = chat(TEST, "hi");
        Path inShared = root.resolve("_shared").resolve(RecordingStore.keyOf(recording).hex() + ".json");
        Files.createDirectories(inShared.getParent());
        Files.write(inShared, RecordingFormat.write(recording));
        assertThat(store.find(lookup(TEST, "hi"))).map(Match::file).contains(inShared);
    }

    @Test
    void a_file_written_by_the_store_verifies_as_current() throws Exception {
        RecordingStore store = new RecordingStore(root, Layout.JAVA);
        Path file = store.save(chat(TEST, "temperature is \u00e9l\u00e8ve 0.123456789"));
        String rel = store.relativeName(file);
        assertThat(Verifier.verify(rel, Files.readAllBytes(file)).verdict()).isEqualTo(Verdict.CURRENT);
    }

    @Test
    void writes_leave_no_temporary_file_behind_and_replace_the_old_content() throws Exception {
        RecordingStore store = new RecordingStore(root, Layout.JAVA);
        Path first = store.save(chat(TEST, "q"));
        byte[] before = Files.readAllBytes(first);
        Recording again = new Recording(TEST, chat(TEST, "q").request(),
                RecordedResponse.of(Json.parse("{\"answer\": \"changed\"}"), false));
        Path second = store.save(again);
        assertThat(second).isEqualTo(first);
        assertThat(Files.readAllBytes(second)).isNotEqualTo(before);
        try (Stream<Path> files = Files.list(first.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(first.getFileName().toString());
        }
    }

    @Test
    void concurrent_writers_of_the_same_key_leave_one_whole_recording() throws Exception {
        RecordingStore store = new RecordingStore(root, Layout.JAVA);
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Path>> results = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            StringBuilder big = new StringBuilder();
            for (int j = 0; j < 20_000; j++) {
                big.append((char) ('a' + i));
            }
            Recording r = new Recording(TEST, chat(TEST, "same").request(),
                    RecordedResponse.of(Json.nodes().textNode(big.toString()), false));
            contents.add(dev.replay4j.internal.recording.RecordingFormat.write(r));
            results.add(pool.submit(() -> {
                start.await();
                return store.save(r);
            }));
        }
        start.countDown();
        Path file = results.get(0).get();
        for (Future<Path> f : results) {
            assertThat(f.get()).isEqualTo(file);
        }
        pool.shutdown();
        byte[] onDisk = Files.readAllBytes(file);
        assertThat(contents).anySatisfy(c -> assertThat(c).isEqualTo(onDisk));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void model_lists_are_named_by_key_and_digest_and_all_lists_of_a_key_are_found() throws Exception {
        RecordingStore store = new RecordingStore(root, Layout.JAVA);
        Recording a = modelList("http://a.example/v1/models", "gpt-a", "gpt-b");
        Recording b = modelList("http://b.example/v1/models", "llama");
        Path fa = store.save(a);
        Path fb = store.save(b);
        String key = RequestKey.compute("GET", "/v1/models", Json.object(), null, KeyVersion.V2).hex();
        assertThat(fa.getFileName().toString()).startsWith("models-" + key + "-").isNotEqualTo(fb.getFileName().toString());
        List<Match> lists = store.findModelLists(new Lookup("GET", "/v1/models", Json.object(), TEST, null));
        assertThat(lists).extracting(Match::file).containsExactlyInAnyOrder(fa, fb);
    }

    @Test
    void the_llama_stack_layout_finds_a_get_recorded_as_post() throws Exception {
        RecordingStore store = new RecordingStore(root, Layout.LLAMA_STACK);
        JsonNode body = Json.parse("{\"model\": \"m\"}");
        String testId = "tests/integration/x/test_a.py::test_b";
        Recording recorded = new Recording(testId,
                new RecordedRequest("POST", "http://localhost:11434/api/ps", Json.object(), body, "/api/ps", "m"),
                RecordedResponse.of(Json.object(), false));
        Path file = store.save(recorded);
        assertThat(store.find(new Lookup("GET", "/api/ps", body, testId, null))).map(Match::file).contains(file);
        assertThat(new RecordingStore(root, Layout.JAVA).candidateUrls(null, "/api/ps")).containsExactly("/api/ps");
        assertThat(store.candidateUrls("https://x.openai.azure.com/openai/v1/", "/v1/chat/completions"))
                .containsExactly("https://x.openai.azure.com/openai/v1/v1/chat/completions");
    }

    @Test
    void a_store_names_its_absolute_root_and_layout() {
        RecordingStore store = new RecordingStore(root.resolve("a/../b"), Layout.LLAMA_STACK);
        assertThat(store.root()).isEqualTo(root.resolve("b"));
        assertThat(store.layout()).isEqualTo(Layout.LLAMA_STACK);
        assertThat(store).hasToString("RecordingStore[" + root.resolve("b") + ", layout llama-stack]");
    }

    @Test
    void a_very_old_file_named_by_the_first_twelve_digits_of_its_key_is_found_after_the_full_names() throws Exception {
        RecordingStore store = new RecordingStore(root, Layout.JAVA);
        Recording recording = chat(TEST, "old");
        RequestKey key = RecordingStore.keyOf(recording);
        Path legacy = root.resolve("com/acme/chat/ChatTest").resolve(key.shortHex() + ".json");
        Files.createDirectories(legacy.getParent());
        Files.write(legacy, RecordingFormat.write(recording));
        assertThat(store.find(lookup(TEST, "old"))).hasValueSatisfying(m -> {
            assertThat(m.file()).isEqualTo(legacy);
            assertThat(m.key()).isEqualTo(key);
        });
        Path full = store.save(recording);
        assertThat(store.find(lookup(TEST, "old"))).map(Match::file).contains(full);
        assertThat(store.find(lookup(TEST, "other"))).isEmpty();
    }

    @Test
    void the_file_a_last_lookup_found_changes_the_cost_of_the_next_never_its_answer() throws Exception {
        RecordingStore store = new RecordingStore(root.resolve("root"), Layout.JAVA);
        Recording recording = chat(TEST, "hinted");
        RequestKey key = RecordingStore.keyOf(recording);
        List<RequestKey> keys = store.candidateKeys(lookup(TEST, "hinted"));
        Path legacy = store.root().resolve("com/acme/chat/ChatTest").resolve(key.shortHex() + ".json");
        Files.createDirectories(legacy.getParent());
        Files.write(legacy, RecordingFormat.write(recording));
        assertThat(store.find(TEST, keys, legacy)).map(Match::file).contains(legacy);

        // A file that comes earlier in the search wins over the one found last time.
        Path full = store.save(recording);
        assertThat(store.find(TEST, keys, legacy)).map(Match::file).contains(full);
        // The file found last time has gone: the search goes on to the next one, as without it.
        Files.delete(full);
        assertThat(store.find(TEST, keys, full)).map(Match::file).contains(legacy);
        Files.delete(legacy);
        assertThat(store.find(TEST, keys, legacy)).isEmpty();

        // A link out of the root is refused when it is the file found last time, too; a dangling one is passed by.
        Path secret = new RecordingStore(root.resolve("outside"), Layout.JAVA).save(recording);
        Path link = Files.createSymbolicLink(full, secret);
        assertThat(store.find(TEST, keys, link)).isEmpty();
        Files.delete(secret);
        assertThat(store.find(TEST, keys, link)).isEmpty();
    }

    @Test
    void model_lists_of_the_test_folder_and_the_fallback_come_sorted_by_file() throws Exception {
        RecordingStore store = new RecordingStore(root, Layout.JAVA);
        List<Path> saved = new ArrayList<>();
        for (String id : List.of("m3", "m1", "m2", "m0")) {
            saved.add(store.save(modelList("http://" + id + ".example/v1/models", id)));
        }
        Lookup lookup = new Lookup("GET", "/v1/models", Json.object(), TEST, null);
        assertThat(store.findModelLists(lookup)).extracting(Match::file).containsExactlyElementsOf(saved.stream().sorted().toList());
        assertThat(new RecordingStore(root.resolve("empty"), Layout.JAVA).findModelLists(lookup)).isEmpty();
    }

    @Test
    void a_file_linked_from_outside_the_root_is_neither_found_nor_read_and_a_link_inside_it_is() throws Exception {
        RecordingStore outside = new RecordingStore(root.resolve("outside"), Layout.JAVA);
        Path secret = outside.save(chat(TEST, "secret"));
        RecordingStore store = new RecordingStore(root.resolve("root"), Layout.JAVA);
        Path inside = store.save(chat(TEST, "inside"));
        Path folder = inside.getParent();
        Path linkOut = Files.createSymbolicLink(folder.resolve(secret.getFileName()), secret);
        Path insideTarget = store.root().resolve("kept/elsewhere.json");
        Files.createDirectories(insideTarget.getParent());
        Files.write(insideTarget, RecordingFormat.write(chat(TEST, "linked")));
        Path linkIn = Files.createSymbolicLink(folder.resolve(RecordingStore.keyOf(chat(TEST, "linked")).hex() + ".json"), insideTarget);

        assertThat(store.find(lookup(TEST, "secret"))).isEmpty();
        assertThatThrownBy(() -> store.load(linkOut)).isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining("outside the recordings root");
        assertThat(store.find(lookup(TEST, "linked"))).map(Match::file).contains(linkIn);
        assertThat(store.load(linkIn).request().body().at("/messages/0/content").textValue()).isEqualTo("linked");
        assertThat(store.find(lookup(TEST, "inside"))).map(Match::file).contains(inside);
    }

    @Test
    void a_recording_is_never_written_through_a_link_that_leads_outside_the_root() throws Exception {
        Path outside = Files.createDirectories(root.resolve("outside"));
        RecordingStore store = new RecordingStore(root.resolve("root"), Layout.JAVA);
        Files.createDirectories(store.root().resolve("com/acme"));
        Files.createSymbolicLink(store.root().resolve("com/acme/chat"), outside);
        assertThatThrownBy(() -> store.save(chat(TEST, "q"))).isInstanceOf(IOException.class)
                .hasMessageContaining("refusing to write into com/acme/chat/ChatTest").hasMessageContaining("outside the recordings root");
        assertThat(outside).isEmptyDirectory();
        assertThatThrownBy(() -> store.checkWritable(store.root().resolve("com/acme/chat/Other")))
                .hasMessageContaining("through a symbolic link");
        store.checkWritable(store.root().resolve("org/acme/New"));
        assertThat(store.root().resolve("org")).as("a check creates nothing but the root").doesNotExist();
    }

    @Test
    void a_llama_stack_get_tries_both_base_paths_both_methods_and_both_key_versions_in_that_order() throws Exception {
        RecordingStore store = new RecordingStore(root, Layout.LLAMA_STACK);
        JsonNode body = Json.parse("{\"t\": 0.7000001}");
        List<RequestKey> expected = new ArrayList<>();
        for (String path : List.of("/v1/api/ps", "/api/ps")) {
            for (String method : List.of("GET", "POST")) {
                for (KeyVersion version : KeyVersion.lookupOrder()) {
                    expected.add(RequestKey.compute(method, path, body, "t::a", version));
                }
            }
        }
        assertThat(store.candidateKeys(new Lookup("get", "/api/ps", body, "t::a", null))).containsExactlyElementsOf(expected);
        assertThat(new RecordingStore(root, Layout.JAVA).candidateKeys(new Lookup("GET", "/api/ps", Json.object(), null, null)))
                .as("a body that normalisation leaves as it is has one key for both versions")
                .containsExactly(RequestKey.compute("GET", "/api/ps", Json.object(), null, KeyVersion.V2));
    }

    @Test
    void a_llama_stack_test_id_that_starts_at_the_root_of_the_file_system_is_refused() {
        RecordingStore llama = new RecordingStore(root, Layout.LLAMA_STACK);
        assertThatThrownBy(() -> llama.folderFor("/test_x.py::t")).isInstanceOf(InvalidTestIdException.class);
        assertThat(llama.folderFor("test_x.py::t")).isEqualTo(root.resolve("recordings"));
    }

    @Test
    void a_store_sweeps_a_folder_of_stale_temporary_files_once_before_its_first_write_there() throws Exception {
        RecordingStore store = new RecordingStore(root, Layout.JAVA);
        Path first = store.save(chat(TEST, "one"));
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path stale = first.resolveSibling(AtomicFiles.TEMP_PREFIX + ended.pid() + "-x.json" + AtomicFiles.TEMP_SUFFIX);
        Files.writeString(stale, "{\"half");
        store.save(chat(TEST, "two"));
        assertThat(stale).as("this store swept the folder already").exists();
        new RecordingStore(root, Layout.JAVA).save(chat(TEST, "three"));
        assertThat(stale).as("a new store sweeps it before its first write").doesNotExist();
    }

    private static Lookup lookup(String testId, String prompt) {
        return new Lookup("POST", "/v1/chat/completions", chatBody(prompt), testId, null);
    }

    private static ObjectNode chatBody(String prompt) {
        ObjectNode body = Json.object();
        body.put("model", "llama3.2:3b");
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", prompt);
        return body;
    }

    private static Recording chat(String testId, String prompt) {
        ObjectNode body = chatBody(prompt);
        ObjectNode answer = Json.object();
        answer.put("id", "rec-x");
        answer.put("object", "chat.completion");
        return new Recording(testId,
                new RecordedRequest("POST", "http://localhost:11434/v1/chat/completions", Json.object(), body,
                        "/v1/chat/completions", "llama3.2:3b"),
                RecordedResponse.of(ApiTypes.wrap(Endpoints.bodyType("/v1/chat/completions"), answer), false));
    }

    private static Recording modelList(String url, String... ids) {
        var list = Json.nodes().arrayNode();
        for (String id : ids) {
            ObjectNode model = Json.object();
            model.put("id", id);
            model.put("object", "model");
            list.add(ApiTypes.wrap("openai.types.model.Model", model));
        }
        return new Recording(null, new RecordedRequest("GET", url, Json.object(), Json.object(), "/v1/models", ""),
                RecordedResponse.of(list, false));
    }
}

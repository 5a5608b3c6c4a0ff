// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.replay4j.Mode;
import dev.replay4j.ReplayProxy;
import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.ChatBodies;
import dev.replay4j.fakeupstream.testing.Http;
import dev.replay4j.internal.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Which recording a miss names as its nearest, through a real proxy on real files; and the index's similarity. */
@Timeout(60)
class MissNearestTest {
    private static final String TEST = "com.acme.chat.ChatTest::answers_in_latin";

    @TempDir
    Path dir;
    private FakeUpstream upstream;

    @BeforeEach
    void startUpstream() {
        upstream = FakeUpstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    private ReplayProxy proxy(Mode mode) throws Exception {
        ReplayProxy.Builder b = ReplayProxy.builder().recordings(dir).mode(mode);
        if (mode != Mode.REPLAY) {
            b.upstream(upstream.url());
        }
        return b.build().start();
    }

    private static String missMessage(ReplayProxy proxy, String path, String body) throws Exception {
        var r = Http.post(proxy.baseUrl(TEST) + path, body);
        assertThat(r.statusCode()).isEqualTo(404);
        return Json.parse(r.body()).at("/error/message").textValue();
    }

    @Test
    void a_completion_miss_never_names_a_model_list_as_its_nearest_recording() throws Exception {
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            assertThat(Http.get(proxy.baseUrl(TEST) + "/v1/models").statusCode()).isEqualTo(200);
        }
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            String message = missMessage(proxy, "/v1/chat/completions", "{}");
            assertThat(message).contains("nearest recording: none in those folders").doesNotContain("GET /v1/models");
        }
    }

    @Test
    void a_recording_of_the_same_method_and_endpoint_is_nearer_than_a_more_similar_body_elsewhere() throws Exception {
        String embedding = "{\"model\":\"gpt-test\",\"input\":\"What is the name of the Sun in latin?\"}";
        try (ReplayProxy proxy = proxy(Mode.RECORD)) {
            Http.ok(proxy.baseUrl(TEST) + "/v1/embeddings", embedding);
            Http.ok(proxy.baseUrl(TEST) + "/v1/chat/completions",
                    "{\"model\":\"other-model\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"}]}");
        }
        try (ReplayProxy proxy = proxy(Mode.REPLAY)) {
            // The same body as the embedding's: only the endpoint differs.
            String message = missMessage(proxy, "/v1/chat/completions", embedding);
            assertThat(message).contains("(POST /v1/chat/completions, test id " + TEST + ")")
                    .contains("- model: \"other-model\"").contains("+ model: \"gpt-test\"");
            // And a request to the embeddings endpoint still names the embedding.
            String other = missMessage(proxy, "/v1/embeddings", "{\"model\":\"gpt-test\",\"input\":\"And the Moon?\"}");
            assertThat(other).contains("(POST /v1/embeddings, test id " + TEST + ")")
                    .contains("- input: \"What is the name of the Sun in latin?\"").contains("+ input: \"And the Moon?\"");
        }
    }

    @Test
    void a_recording_added_after_the_first_miss_is_found_by_the_next_one() throws Exception {
        try (ReplayProxy recorder = proxy(Mode.RECORD)) {
            Http.ok(recorder.baseUrl(TEST) + "/v1/chat/completions", ChatBodies.openAi("What is the name of the Sun in latin?"));
        }
        try (ReplayProxy replay = proxy(Mode.REPLAY)) {
            String first = missMessage(replay, "/v1/chat/completions", ChatBodies.openAi("What is the name of the Moon in greek?"));
            assertThat(first).contains("- messages[0].content: \"What is the name of the Sun in latin?\"");
            try (ReplayProxy recorder = proxy(Mode.RECORD)) {
                // The same request with one more field: nearer than the first recording, whose prompt differs.
                Http.ok(recorder.baseUrl(TEST) + "/v1/chat/completions", "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"What is the name of the Moon in greek?\"}],\"temperature\":0.5}");
            }
            String second = missMessage(replay, "/v1/chat/completions", ChatBodies.openAi("What is the name of the Moon in greek?"));
            assertThat(second).contains("- temperature: 0.5").doesNotContain("Sun");
        }
    }

    @Test
    void a_deleted_nearest_recording_is_passed_over_for_the_next_nearest() throws Exception {
        try (ReplayProxy recorder = proxy(Mode.RECORD)) {
            Http.ok(recorder.baseUrl(TEST) + "/v1/chat/completions", ChatBodies.openAi("What is the name of the Sun in latin?"));
            Http.ok(recorder.baseUrl(TEST) + "/v1/chat/completions", ChatBodies.openAi("Name the Moon in latin"));
        }
        try (ReplayProxy replay = proxy(Mode.REPLAY)) {
            String first = missMessage(replay, "/v1/chat/completions", ChatBodies.openAi("What is the name of the Sun in latin?!"));
            String name = first.replaceAll("(?s).*nearest recording: (\\S+) .*", "$1");
            assertThat(first).contains("- messages[0].content: \"What is the name of the Sun in latin?\"");
            java.nio.file.Files.delete(dir.resolve(name));
            String second = missMessage(replay, "/v1/chat/completions", ChatBodies.openAi("What is the name of the Sun in latin?!"));
            assertThat(second).contains("- messages[0].content: \"Name the Moon in latin\"");
        }
    }

    @Test
    void sketches_of_small_bodies_give_the_exact_jaccard_similarity() {
        Set<String> a = Set.of("model: \"m\"", "messages[0].role: \"user\"", "messages[0].content: \"Sun\"");
        Set<String> b = Set.of("model: \"m\"", "messages[0].role: \"user\"", "messages[0].content: \"Moon\"", "stream: true");
        MissIndex.Wanted wa = MissIndex.Wanted.of("POST", "/v1/chat/completions", a);
        MissIndex.Wanted wb = MissIndex.Wanted.of("POST", "/v1/chat/completions", b);
        assertThat(MissIndex.similarity(wa.sketch(), wa.complete(), wb.sketch(), wb.complete())).isEqualTo(2.0 / 5);
        assertThat(MissIndex.similarity(wa.sketch(), true, wa.sketch(), true)).isEqualTo(1.0);
        assertThat(MissIndex.similarity(new int[0], true, new int[0], true)).isEqualTo(1.0);
        assertThat(MissIndex.similarity(new int[0], true, wa.sketch(), true)).isEqualTo(0.0);
    }

    @Test
    void sketches_of_large_bodies_estimate_the_similarity_within_a_few_hundredths() {
        // 1,000 leaves each, 500 in common: Jaccard 1/3.
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            a.add("tools[" + i + "].name: \"t" + i + "\"");
            b.add("tools[" + (i + 500) + "].name: \"t" + (i + 500) + "\"");
        }
        MissIndex.Wanted wa = MissIndex.Wanted.of("POST", "/v1/chat/completions", new LinkedHashSet<>(a));
        MissIndex.Wanted wb = MissIndex.Wanted.of("POST", "/v1/chat/completions", new LinkedHashSet<>(b));
        assertThat(wa.complete()).isFalse();
        assertThat(wa.sketch()).hasSize(MissIndex.SKETCH);
        assertThat(MissIndex.similarity(wa.sketch(), false, wb.sketch(), false)).isCloseTo(1.0 / 3, within(0.12));
        assertThat(MissIndex.similarity(wa.sketch(), false, wa.sketch(), false)).isEqualTo(1.0);
    }
}

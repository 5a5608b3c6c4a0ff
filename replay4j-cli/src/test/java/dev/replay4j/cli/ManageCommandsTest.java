// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.Layout;
import dev.replay4j.ReplayProxy;
import dev.replay4j.fakeupstream.testing.Http;
import dev.replay4j.internal.api.Endpoints;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.recording.ApiTypes;
import dev.replay4j.internal.recording.RecordedRequest;
import dev.replay4j.internal.recording.RecordedResponse;
import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.store.RecordingStore;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** list, show, stats and prune over recordings that the library wrote, and usage reports that a real proxy wrote. */
class ManageCommandsTest {
    @TempDir
    Path dir;
    private RecordingStore store;
    private Path sunFile;
    private Path moonFile;
    private Path embeddingsFile;

    @BeforeEach
    void recordings() throws Exception {
        store = new RecordingStore(dir, Layout.JAVA);
        sunFile = store.save(streamedChat("com.acme.ChatTest::sun", "gpt-4o", "Sun in latin?", "Sol", " is", " the", " answer"));
        moonFile = store.save(streamedChat("com.acme.ChatTest::moon", "gpt-4o", "Moon in latin?", "Luna"));
        ObjectNode embeddings = Json.object();
        embeddings.putArray("data").addObject().putArray("embedding").add(0.1).add(0.2).add(0.3);
        embeddingsFile = store.save(new Recording("com.acme.rag.SearchTest::embeds", new RecordedRequest("POST",
                "https://api.openai.com/v1/embeddings", Json.object(), Json.parse("{\"model\": \"text-embedding-3-small\", \"input\": \"x\"}"),
                "/v1/embeddings", "text-embedding-3-small"),
                RecordedResponse.of(ApiTypes.wrap(Endpoints.bodyType("/v1/embeddings"), embeddings), false)));
        Files.writeString(dir.resolve("notes.json"), "{\"not\": \"a recording\"}");
    }

    private static Recording streamedChat(String testId, String model, String prompt, String... words) throws Exception {
        ObjectNode body = Json.object();
        body.put("model", model);
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", prompt);
        body.put("stream", true);
        var chunks = Json.nodes().arrayNode();
        for (String w : words) {
            chunks.add(ApiTypes.wrap(Endpoints.chunkType("/v1/chat/completions"),
                    Json.parse("{\"choices\": [{\"index\": 0, \"delta\": {\"content\": " + Json.nodes().textNode(w) + "}}]}")));
        }
        return new Recording(testId, new RecordedRequest("POST", "https://api.openai.com/v1/chat/completions", Json.object(), body,
                "/v1/chat/completions", model), RecordedResponse.of(chunks, true));
    }

    private String rel(Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    @Test
    void list_json_gives_one_line_per_file_with_snake_case_fields_and_filters() throws Exception {
        CliRunner.Result r = CliRunner.run("list", "--json", dir.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.outLines()).hasSize(4);
        JsonNode sun = r.outLines().stream().map(ManageCommandsTest::parse).filter(l -> l.get("file").textValue().equals(rel(sunFile)))
                .findFirst().orElseThrow();
        assertThat(sun.get("test_id").textValue()).isEqualTo("com.acme.ChatTest::sun");
        assertThat(sun.get("endpoint").textValue()).isEqualTo("/v1/chat/completions");
        assertThat(sun.get("model").textValue()).isEqualTo("gpt-4o");
        assertThat(sun.get("streaming").booleanValue()).isTrue();
        assertThat(sun.get("size").longValue()).isEqualTo(Files.size(sunFile));
        assertThat(sun.get("verdict").textValue()).isEqualTo("current");

        assertThat(CliRunner.run("list", "--json", "--endpoint", "/v1/embeddings", dir.toString()).outLines())
                .singleElement().satisfies(l -> assertThat(parse(l).get("file").textValue()).isEqualTo(rel(embeddingsFile)));
        assertThat(CliRunner.run("list", "--json", "--test-id", "ChatTest", "--model", "gpt-4o", dir.toString()).outLines()).hasSize(2);
        assertThat(CliRunner.run("list", dir.toString()).out()).contains("stream").contains("com.acme.ChatTest::moon").contains("4 recordings");
    }

    @Test
    void show_joins_a_streamed_answer_and_finds_a_recording_by_a_key_prefix() {
        String key = sunFile.getFileName().toString().substring(0, 8);
        CliRunner.Result r = CliRunner.run("show", key, "--dir", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("test id:   com.acme.ChatTest::sun").contains("  user: Sun in latin?")
                .contains("response:  streamed, 4 chunks").contains("answer:    Sol is the answer");
        assertThat(CliRunner.run("show", embeddingsFile.toString()).out()).contains("1 embeddings of 3 dimensions");
        assertThat(CliRunner.run("show", "--raw", sunFile.toString()).out()).startsWith("{\n  \"test_id\": \"com.acme.ChatTest::sun\"");
    }

    @Test
    void show_with_an_ambiguous_or_unknown_prefix_says_so() throws Exception {
        // Two files whose names share a prefix: the same body under two test ids can't be forced, so copy one.
        Path twin = sunFile.resolveSibling(sunFile.getFileName().toString().substring(0, 6) + "ffff.json");
        Files.copy(sunFile, twin);
        CliRunner.Result ambiguous = CliRunner.run("show", sunFile.getFileName().toString().substring(0, 6), "--dir", dir.toString());
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("2 recordings have keys starting with").contains("give more digits");
        CliRunner.Result none = CliRunner.run("show", "00000000", "--dir", dir.toString());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("no recording under");
    }

    @Test
    void stats_counts_by_endpoint_model_and_folder_with_verdicts() {
        CliRunner.Result r = CliRunner.run("stats", dir.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("4 files, 3 recordings").contains("     2  /v1/chat/completions").contains("     1  /v1/embeddings")
                .contains("     2  gpt-4o").contains("     2  com/acme/ChatTest").contains("     1  com/acme/rag/SearchTest")
                .contains("     3  current").contains("     1  other");
    }

    @Test
    void prune_keeps_what_any_usage_report_served_and_deletes_the_rest_only_with_apply() throws Exception {
        Path usageA = dir.resolveSibling(dir.getFileName() + "-usage-a.json");
        Path usageB = dir.resolveSibling(dir.getFileName() + "-usage-b.json");
        replay(usageA, "com.acme.ChatTest::sun", "Sun in latin?");
        replay(usageB, "com.acme.ChatTest::moon", "Moon in latin?");
        JsonNode report = Json.parse(Files.readAllBytes(usageA));
        assertThat(report.get("mode").textValue()).isEqualTo("replay");
        assertThat(report.at("/served/0/file").textValue()).isEqualTo(rel(sunFile));
        assertThat(report.at("/served/0/count").intValue()).isEqualTo(1);

        CliRunner.Result dry = CliRunner.run("prune", dir.toString(), "--usage", usageA.toString(), "--usage", usageB.toString());
        assertThat(dry.exitCode()).isZero();
        assertThat(dry.outLines()).contains("unused   " + rel(embeddingsFile))
                .anySatisfy(l -> assertThat(l).startsWith("1 of 3 recordings unused; 1 other files left alone"));
        assertThat(embeddingsFile).exists();

        CliRunner.Result applied = CliRunner.run("prune", dir.toString(), "--usage", usageA.toString(), "--usage", usageB.toString(), "--apply");
        assertThat(applied.exitCode()).isZero();
        assertThat(embeddingsFile).doesNotExist();
        assertThat(sunFile).exists();
        assertThat(moonFile).exists();
        assertThat(dir.resolve("notes.json")).exists();
    }

    @Test
    void prune_refuses_to_delete_everything_on_a_report_that_served_nothing() throws Exception {
        Path empty = dir.resolveSibling(dir.getFileName() + "-usage-empty.json");
        new dev.replay4j.internal.usage.UsageReport(dir, "replay").writeTo(empty);
        CliRunner.Result r = CliRunner.run("prune", dir.toString(), "--usage", empty.toString(), "--apply");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("list no served or recorded recording");
        assertThat(sunFile).exists();
        CliRunner.Result bad = CliRunner.run("prune", dir.toString(), "--usage", sunFile.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("not a replay4j usage report");
    }

    @Test
    void stats_with_a_negative_largest_is_a_usage_error_that_names_the_flag() {
        CliRunner.Result r = CliRunner.run("stats", "--largest", "-1", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("replay4j stats: --largest must be 0 or more (how many of the largest recordings to show), not -1\n");
        assertThat(r.out()).isEmpty();
        CliRunner.Result none = CliRunner.run("stats", "--largest", "0", dir.toString());
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).endsWith("largest:\n");
    }

    @Test
    void prune_names_a_usage_file_that_is_missing_or_a_folder_and_deletes_nothing() throws Exception {
        Path missing = dir.resolveSibling(dir.getFileName() + "-a").resolve("usage.json");
        CliRunner.Result gone = CliRunner.run("prune", dir.toString(), "--usage", missing.toString(), "--apply");
        assertThat(gone.exitCode()).isEqualTo(2);
        assertThat(gone.err()).startsWith("replay4j prune: --usage " + missing + ": no such file (" + missing.toAbsolutePath() + ")")
                .contains("serve --usage FILE");
        CliRunner.Result relative = CliRunner.run("prune", dir.toString(), "--usage", "a/usage.json");
        assertThat(relative.exitCode()).isEqualTo(2);
        assertThat(relative.err()).startsWith("replay4j prune: --usage a/usage.json: no such file (")
                .contains(Path.of("a/usage.json").toAbsolutePath().toString());

        Path folder = dir.getParent();
        CliRunner.Result directory = CliRunner.run("prune", dir.toString(), "--usage", folder.toString(), "--apply");
        assertThat(directory.exitCode()).isEqualTo(2);
        assertThat(directory.err()).isEqualTo("replay4j prune: --usage " + folder + " is a folder, not a usage report: give the report's"
                + " file, such as --usage target/replay4j-usage.json (what the JUnit extension writes)\n");
        assertThat(sunFile).exists();
        assertThat(moonFile).exists();
        assertThat(embeddingsFile).exists();
    }

    /** A real replay through the proxy, which writes the usage report when it closes. */
    private void replay(Path usage, String testId, String prompt) throws Exception {
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).usageReport(usage).build().start()) {
            String body = "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"" + prompt + "\"}], \"stream\": true}";
            HttpResponse<String> r = Http.post(proxy.baseUrl(testId) + "/v1/chat/completions", body);
            assertThat(r.statusCode()).isEqualTo(200);
        }
        assertThat(usage).exists();
    }

    private static JsonNode parse(String line) {
        try {
            return Json.parse(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}

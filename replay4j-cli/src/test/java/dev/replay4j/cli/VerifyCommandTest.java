// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import static dev.replay4j.cli.TestRecordings.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.key.KeyVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    private static final String REC = "tests/integration/inference/recordings/";
    private static final JsonNode CHAT = body("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
    /** A body whose version-1 and version-2 keys differ: a float with more than 5 decimals. */
    private static final JsonNode WITH_FLOAT = body("{\"model\": \"m\", \"temperature\": 0.123456789}");

    @TempDir
    Path dir;

    @Test
    void a_current_and_a_legacy_recording_pass() throws Exception {
        String current = TestRecordings.write(dir, REC, CHAT, KeyVersion.V2);
        String legacy = TestRecordings.write(dir, REC, WITH_FLOAT, KeyVersion.V1);
        String legacyV2 = TestRecordings.key(WITH_FLOAT, KeyVersion.V2);
        assertThat(legacy).isNotEqualTo(legacyV2);

        CliRunner.Result r = CliRunner.run("verify", "--json", dir.toString());

        assertThat(r.outLines()).containsExactlyElementsOf(sortedByFile(List.of(
                "{\"file\": \"" + REC + current + ".json\", \"kind\": \"inference\", \"verdict\": \"current\", \"key\": \"" + current + "\"}",
                "{\"file\": \"" + REC + legacy + ".json\", \"kind\": \"inference\", \"verdict\": \"legacy\", \"key\": \"" + legacyV2 + "\"}")));
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void a_renamed_recording_is_a_mismatch_and_fails() throws Exception {
        String key = TestRecordings.write(dir, REC, CHAT, KeyVersion.V2);
        String otherName = "0".repeat(64);
        Files.move(dir.resolve(REC + key + ".json"), dir.resolve(REC + otherName + ".json"));

        CliRunner.Result r = CliRunner.run("verify", "--json", dir.toString());

        String file = REC + otherName + ".json";
        assertThat(r.outLines()).containsExactly("{\"file\": \"" + file + "\", \"kind\": \"inference\", \"verdict\": \"mismatch\", \"key\": \""
                + key + "\", \"message\": \"" + file + ": the name is not the key of the request inside; its version-2 key is " + key + "\"}");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void a_model_list_is_judged_by_the_key_in_its_name() throws Exception {
        String key = TestRecordings.key(CHAT, KeyVersion.V2);
        TestRecordings.write(dir.resolve("models-" + key + "-8e7053e4.json"), CHAT);

        CliRunner.Result r = CliRunner.run("verify", "--json", dir.toString());

        assertThat(r.outLines()).containsExactly("{\"file\": \"models-" + key + "-8e7053e4.json\", \"kind\": \"models\", "
                + "\"verdict\": \"current\", \"key\": \"" + key + "\"}");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void an_object_that_is_no_http_recording_is_other() throws Exception {
        Files.writeString(dir.resolve("tool-call.json"), "{\"request\": {\"tool_name\": \"search\"}, \"response\": {}}");
        Files.writeString(dir.resolve("notes.txt"), "not a recording: not looked at");

        CliRunner.Result r = CliRunner.run("verify", "--json", dir.toString());

        assertThat(r.outLines()).containsExactly("{\"file\": \"tool-call.json\", \"kind\": \"other\", \"verdict\": \"other\"}");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void malformed_files_are_broken_with_a_message_naming_the_file_and_the_problem() throws Exception {
        String key = TestRecordings.write(dir, "", CHAT, KeyVersion.V2);
        byte[] whole = Files.readAllBytes(dir.resolve(key + ".json"));
        Files.write(dir.resolve("truncated.json"), java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(dir.resolve("array.json"), "[{\"request\": {}}]\n");
        Files.write(dir.resolve("latin1.json"), "{\"model\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(dir.resolve("text.json"), "model: m\n");
        Files.write(dir.resolve("empty.json"), new byte[0]);

        CliRunner.Result r = CliRunner.run("verify", "--json", dir.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        List<JsonNode> lines = parseLines(r.out());
        assertThat(lines).extracting(l -> l.get("file").textValue() + " " + l.get("kind").textValue() + " " + l.get("verdict").textValue())
                .containsExactly(key + ".json inference current", "array.json broken broken", "empty.json broken broken",
                        "latin1.json broken broken", "text.json broken broken", "truncated.json broken broken");
        assertThat(message(lines, "array.json")).isEqualTo("array.json: a recording is a JSON object, but this file holds a JSON array");
        assertThat(message(lines, "empty.json")).startsWith("empty.json: not valid JSON: ").contains("empty");
        assertThat(message(lines, "latin1.json")).startsWith("latin1.json: not valid JSON: ").contains("Invalid UTF-8");
        assertThat(message(lines, "text.json")).startsWith("text.json: not valid JSON: ").contains("'model'");
        assertThat(message(lines, "truncated.json")).startsWith("truncated.json: not valid JSON: ").contains("end-of-input");
    }

    @Test
    void a_file_that_cannot_be_read_is_broken() throws Exception {
        Files.createSymbolicLink(dir.resolve("dangling.json"), dir.resolve("nowhere"));

        CliRunner.Result r = CliRunner.run("verify", "--json", dir.toString());

        assertThat(r.outLines()).containsExactly("{\"file\": \"dangling.json\", \"kind\": \"broken\", \"verdict\": \"broken\", "
                + "\"message\": \"dangling.json: cannot read the file: no such file (a dangling link, or deleted while running)\"}");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void a_file_without_read_permission_is_broken() throws Exception {
        Path file = dir.resolve("locked.json");
        Files.writeString(file, "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "skipped: this user (root?) can read a file without permission");

        CliRunner.Result r = CliRunner.run("verify", "--json", dir.toString());

        assertThat(r.outLines()).containsExactly("{\"file\": \"locked.json\", \"kind\": \"broken\", \"verdict\": \"broken\", "
                + "\"message\": \"locked.json: cannot read the file: permission denied\"}");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void files_are_reported_in_path_order_with_slashes_whatever_the_threads_do() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String folder = "suite" + (i % 7) + "/recordings/";
            String key = TestRecordings.write(dir, folder, body("{\"model\": \"m\", \"n\": " + i + "}"), KeyVersion.V2);
            expected.add(folder + key + ".json");
        }
        expected.sort(null);

        CliRunner.Result r = CliRunner.run("verify", "--json", dir.toString());

        assertThat(parseLines(r.out())).extracting(l -> l.get("file").textValue()).containsExactlyElementsOf(expected);
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void the_readable_report_counts_verdicts_and_lists_the_problem_files() throws Exception {
        String current = TestRecordings.write(dir, "a/", CHAT, KeyVersion.V2);
        TestRecordings.write(dir, "a/", WITH_FLOAT, KeyVersion.V1);
        Files.writeString(dir.resolve("b.json"), "[]");
        Files.writeString(dir.resolve("c.json"), "{}");
        TestRecordings.write(dir.resolve("d/" + "f".repeat(64) + ".json"), CHAT);

        CliRunner.Result r = CliRunner.run("verify", dir.toString());

        assertThat(r.outLines()).containsExactly(
                "5 files under " + dir,
                "  current   1",
                "  legacy    1",
                "  mismatch  1",
                "  other     1",
                "  broken    1",
                "",
                "broken    b.json: a recording is a JSON object, but this file holds a JSON array",
                "mismatch  d/" + "f".repeat(64) + ".json: the name is not the key of the request inside; its version-2 key is " + current,
                "",
                "FAILED: 2 files are mismatch or broken.");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void the_readable_report_of_a_clean_folder_says_ok() throws Exception {
        TestRecordings.write(dir, "", CHAT, KeyVersion.V2);

        CliRunner.Result r = CliRunner.run("verify", dir.toString());

        assertThat(r.outLines()).containsExactly("1 file under " + dir, "  current   1", "  legacy    0", "  mismatch  0",
                "  other     0", "  broken    0", "OK: every recording is current, legacy or other.");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void the_bundled_samples_verify() {
        Path samples = Path.of("..", "samples", "llama-stack");
        assertThat(samples).isDirectory();

        CliRunner.Result r = CliRunner.run("verify", samples.toString());

        assertThat(r.outLines()).contains("  current   5", "  legacy    1", "OK: every recording is current, legacy or other.");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void a_missing_folder_is_a_usage_error_naming_it() {
        Path missing = dir.resolve("no-such-folder");

        CliRunner.Result r = CliRunner.run("verify", missing.toString());

        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly("replay4j verify: no such folder: " + missing.toAbsolutePath());
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void a_file_given_as_the_folder_is_a_usage_error() throws Exception {
        Path file = Files.writeString(dir.resolve("x.json"), "{}");

        CliRunner.Result r = CliRunner.run("verify", file.toString());

        assertThat(r.errLines()).containsExactly("replay4j verify: not a folder: " + file.toAbsolutePath());
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void no_folder_or_an_unknown_option_is_a_usage_error() {
        CliRunner.Result none = CliRunner.run("verify");
        CliRunner.Result unknown = CliRunner.run("verify", "--xml", dir.toString());

        assertThat(none.errLines().get(0)).isEqualTo("Missing required parameter: 'DIR'");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(unknown.errLines().get(0)).isEqualTo("Unknown option: '--xml'");
        assertThat(unknown.exitCode()).isEqualTo(2);
    }

    @Test
    void an_empty_folder_passes_with_a_notice_on_stderr() {
        CliRunner.Result r = CliRunner.run("verify", "--json", dir.toString());

        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly("replay4j verify: no *.json files under " + dir);
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void progress_is_shown_on_a_terminal_only() throws Exception {
        TestRecordings.write(dir, "", CHAT, KeyVersion.V2);

        CliRunner.Result piped = CliRunner.run(new byte[0], false, "verify", "--json", dir.toString());
        CliRunner.Result terminal = CliRunner.run(new byte[0], true, "verify", "--json", dir.toString());

        assertThat(piped.err()).isEmpty();
        assertThat(terminal.err()).contains("\rverifying 1/1 files");
        assertThat(terminal.out()).isEqualTo(piped.out());
    }

    @Test
    void non_ascii_names_are_escaped_in_json_lines_as_python_does() throws Exception {
        Files.writeString(dir.resolve("caf\u00e9.json"), "{}");

        CliRunner.Result r = CliRunner.run("verify", "--json", dir.toString());

        assertThat(r.outLines()).containsExactly("{\"file\": \"caf\\u00e9.json\", \"kind\": \"other\", \"verdict\": \"other\"}");
    }

    private static List<String> sortedByFile(List<String> lines) {
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort(null);
        return sorted;
    }

    static List<JsonNode> parseLines(String out) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.lines().toList()) {
            lines.add(Json.parse(line));
        }
        return lines;
    }

    private static String message(List<JsonNode> lines, String file) {
        return lines.stream().filter(l -> l.get("file").textValue().equals(file)).findFirst().orElseThrow()
                .get("message").textValue();
    }
}

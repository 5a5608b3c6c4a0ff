// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.fakeupstream.testing.SharedData;
import dev.replay4j.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commands against the shared conformance data: real files nobody on this project wrote. */
class ConformanceTest {
    private static final String TAIL = ", \"endpoint\": \"/v1/chat/completions\", \"method\": \"POST\", \"test_id\": null}";

    @Test
    void verify_json_agrees_with_expected_verify_on_every_file() throws Exception {
        Path llamaStack = SharedData.llamaStack();
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(llamaStack.resolve("expected-verify.jsonl"), StandardCharsets.UTF_8)) {
            expected.add(fileKindVerdict(Json.parse(line)));
        }

        CliRunner.Result r = CliRunner.run("verify", "--json", llamaStack.toString());

        List<String> actual = new ArrayList<>();
        for (JsonNode line : VerifyCommandTest.parseLines(r.out())) {
            actual.add(fileKindVerdict(line));
        }
        assertThat(expected).hasSizeGreaterThan(800);
        assertThat(actual).containsExactlyElementsOf(expected);
        // The sample holds mismatches on purpose.
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void key_batch_hashes_the_canonical_and_the_normalized_text_of_every_vector() throws Exception {
        List<String> lines = Files.readAllLines(SharedData.vectors(),
                StandardCharsets.UTF_8);
        StringBuilder inputs = new StringBuilder();
        List<String> raw = new ArrayList<>();
        List<String> normalized = new ArrayList<>();
        for (String line : lines) {
            JsonNode vector = Json.parse(line);
            inputs.append(vector.get("input").textValue()).append('\n');
            raw.add("{\"body\": " + vector.get("canonical").textValue() + TAIL);
            normalized.add("{\"body\": " + vector.get("normalized").textValue() + TAIL);
        }

        CliRunner.Result v1 = CliRunner.withInput(inputs.toString(), "key", "--batch", "--key-version", "1");
        CliRunner.Result v2 = CliRunner.withInput(inputs.toString(), "key", "--batch");

        assertThat(lines).hasSizeGreaterThan(2000);
        assertThat(canonicals(v1)).containsExactlyElementsOf(raw);
        assertThat(canonicals(v2)).containsExactlyElementsOf(normalized);
        assertThat(v1.exitCode()).isZero();
        assertThat(v2.exitCode()).isZero();
    }

    private static List<String> canonicals(CliRunner.Result r) throws Exception {
        List<String> canonicals = new ArrayList<>();
        for (JsonNode line : VerifyCommandTest.parseLines(r.out())) {
            canonicals.add(line.has("canonical") ? line.get("canonical").textValue() : line.toString());
        }
        return canonicals;
    }

    private static String fileKindVerdict(JsonNode line) {
        return line.get("file").textValue() + " " + line.get("kind").textValue() + " " + line.get("verdict").textValue();
    }
}

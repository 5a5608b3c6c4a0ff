// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.internal.json.Json;
import dev.replay4j.fakeupstream.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class VerifyConformanceTest {

    @Test
    void every_sample_file_gets_the_kind_and_verdict_that_the_reference_expects() throws Exception {
        Path root = SharedData.llamaStack();
        Map<String, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(root.resolve("expected-verify.jsonl"), StandardCharsets.UTF_8)) {
            JsonNode e = Json.parse(line);
            expected.put(e.get("file").textValue(), e.get("kind").textValue() + "/" + e.get("verdict").textValue());
        }
        Map<String, String> actual = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path p : files) {
            String rel = root.relativize(p).toString().replace('\\', '/');
            FileReport r = Verifier.verify(rel, Files.readAllBytes(p));
            actual.put(rel, r.kind().wireName() + "/" + r.verdict().wireName());
        }
        assertThat(expected).hasSizeGreaterThan(800);
        List<String> differences = new ArrayList<>();
        expected.forEach((file, e) -> {
            if (!e.equals(actual.get(file))) {
                differences.add(file + ": expected " + e + ", got " + actual.get(file));
            }
        });
        assertThat(differences).isEmpty();
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
    }
}

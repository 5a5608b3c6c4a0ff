// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.internal.key.BodyNormalizer;
import dev.replay4j.fakeupstream.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class CanonicalJsonConformanceTest {

    @TestFactory
    Stream<DynamicTest> every_vector_gives_the_exact_canonical_and_normalised_text() throws Exception {
        java.nio.file.Path vectors;
        try {
            vectors = SharedData.vectors();
        } catch (org.opentest4j.TestAbortedException missing) {
            // An aborted factory is reported as no test at all; a dynamic test that aborts shows as skipped, with why.
            return Stream.of(DynamicTest.dynamicTest("the canonical-json vectors", () -> {
                throw missing;
            }));
        }
        List<String> lines = Files.readAllLines(vectors, StandardCharsets.UTF_8);
        assertThat(lines).hasSizeGreaterThan(30);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            JsonNode vector = Json.parse(lines.get(i));
            String input = vector.get("input").textValue();
            String label = "line " + lineNo + ": " + abbreviate(input);
            tests.add(DynamicTest.dynamicTest(label, () -> {
                JsonNode parsed = Json.parse(input);
                assertThat(PythonJson.canonical(parsed)).as("canonical, " + label).isEqualTo(vector.get("canonical").textValue());
                assertThat(PythonJson.canonical(BodyNormalizer.normalize(parsed, false)))
                        .as("normalized, " + label).isEqualTo(vector.get("normalized").textValue());
            }));
        }
        return tests.stream();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.verify.FileReport;
import dev.replay4j.verify.Verdict;
import dev.replay4j.verify.Verifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed recordings are current: each file's name is the key of the request inside, and no secret is in them. */
class ExampleRecordingsTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", "."), "src/test/resources/replay4j");

    @Test
    void everyCommittedRecordingVerifiesAsCurrent() throws IOException {
        List<Path> files = recordings();
        assertThat(files).as("the recordings of the three example classes").hasSizeGreaterThanOrEqualTo(4);
        for (Path file : files) {
            String relative = ROOT.relativize(file).toString().replace('\\', '/');
            FileReport report = Verifier.verify(relative, Files.readAllBytes(file));
            assertThat(report.verdict()).as(relative + ": " + report).isEqualTo(Verdict.CURRENT);
        }
    }

    @Test
    void noRecordingHoldsACredential() throws IOException {
        for (Path file : recordings()) {
            String text = Files.readString(file, StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT);
            assertThat(text).as(file.toString()).doesNotContain("authorization").doesNotContain("sk-").doesNotContain("bearer");
        }
    }

    private static List<Path> recordings() throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.fakeupstream.testing.RecordingFiles;
import dev.replay4j.verify.FileReport;
import dev.replay4j.verify.Verdict;
import dev.replay4j.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The committed recordings are current: each file's name is the key of the request inside, and no secret is in them. */
class ExampleRecordingsTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", "."), "src/test/resources/replay4j");

    @Test
    void every_committed_recording_verifies_as_current() throws IOException {
        List<Path> files = RecordingFiles.all(ROOT);
        assertThat(files).as("the recordings of the three example classes").hasSizeGreaterThanOrEqualTo(4);
        for (Path file : files) {
            String relative = ROOT.relativize(file).toString().replace('\\', '/');
            FileReport report = Verifier.verify(relative, Files.readAllBytes(file));
            assertThat(report.verdict()).as(relative + ": " + report).isEqualTo(Verdict.CURRENT);
        }
    }

    @Test
    void no_recording_holds_a_credential() throws IOException {
        for (Path file : RecordingFiles.all(ROOT)) {
            String text = RecordingFiles.read(file).toLowerCase(Locale.ROOT);
            assertThat(text).as(file.toString()).doesNotContain("authorization").doesNotContain("sk-").doesNotContain("bearer");
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.junit5.fixtures.MissFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The run writes replay4j-report.html when it ends: per class and test, each miss with its explanation. */
@Timeout(60)
class RunReportTest {
    @TempDir
    Path dir;

    @Test
    void the_run_report_lists_each_test_with_its_misses_and_their_explanations() throws Exception {
        Path report = dir.resolve("out/replay4j-report.html");
        Map<String, String> parameters = new HashMap<>(Kit.replay(dir.resolve("recordings")));
        parameters.put(Replay4jExtension.REPORT_PROPERTY, report.toString());
        Kit.run(parameters, MissFixture.class);

        String html = Files.readString(report);
        assertThat(html).contains("<h2>dev.replay4j.junit5.fixtures.MissFixture", "throwsOnTheMiss", "swallowsTheMiss",
                "0 served · 0 recorded · 2 missed", "no recording for POST /v1/chat/completions", "to record it");
    }

    @Test
    void none_writes_no_report() {
        Map<String, String> parameters = new HashMap<>(Kit.replay(dir.resolve("recordings")));
        parameters.put(Replay4jExtension.REPORT_PROPERTY, "none");
        parameters.put(Replay4jExtension.USAGE_PROPERTY, dir.resolve("usage.json").toString());
        Kit.run(parameters, MissFixture.class);

        assertThat(dir.resolve("usage.json")).exists();
        assertThat(dir.resolve("replay4j-report.html")).doesNotExist();
        assertThat(Path.of(ConfigResolver.baseDir().toString(), "none")).doesNotExist();
    }
}

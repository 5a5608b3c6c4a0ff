// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run report: per class and test, outcomes and miss explanations, and everything from the run as text. */
class RunReportTest {
    @TempDir
    Path dir;

    @Test
    void tests_are_grouped_by_class_with_their_outcomes_and_hostile_text_stays_text() throws Exception {
        RunReport report = new RunReport();
        Path root = dir.resolve("recordings");
        report.add(root, new SeenRequest(1, 0, "replay", "com.acme.ChatTest::sun", "POST", "/v1/chat/completions", "served", 200,
                "ab", "com/acme/ChatTest/ab.json", null, 3));
        report.add(root, new SeenRequest(2, 0, "replay", "com.acme.ChatTest::moon", "POST", "/v1/chat/completions", "missed", 404,
                "cd", null, "replay4j: no recording\n    - messages[0].content: \"<script>alert(1)</script>\"\n    + messages[0].content: \"x\"", 5));
        Path file = dir.resolve("target/replay4j-report.html");
        report.writeTo(file);
        String html = Files.readString(file);
        assertThat(html).contains("<h2>com.acme.ChatTest", "1 served · 0 recorded · 1 missed", "com/acme/ChatTest/ab.json", "sun", "moon")
                .contains("<span class=\"del\">    - messages[0].content: &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;</span>")
                .doesNotContain("<script>");
        assertThat(html).contains("default-src 'none'");
    }
}

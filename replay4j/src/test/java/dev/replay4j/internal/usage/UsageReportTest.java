// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.replay4j.internal.json.PythonJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run served, recorded and missed, as a file that prune reads back. */
class UsageReportTest {
    @TempDir
    Path dir;

    @Test
    void a_report_counts_what_was_served_and_lists_the_recorded_files_and_each_distinct_miss_once() {
        UsageReport report = new UsageReport(dir.resolve("rec/../rec"), "replay");
        report.served("com/acme/B/2.json", "22");
        report.served("com/acme/A/1.json", "11");
        report.served("com/acme/B/2.json", "22");
        report.served("com/acme/B/2.json", "22");
        report.recorded("com/acme/C/3.json", "33");
        report.missed("POST", "/v1/chat/completions", "com.acme.A::t", "44");
        report.missed("POST", "/v1/chat/completions", "com.acme.A::t", "44");
        report.missed("GET", "/v1/models", null, "55");

        assertThat(PythonJson.dumps(report.toJson())).isEqualTo("{\"version\": 1, \"root\": \"" + dir.resolve("rec") + "\", "
                + "\"mode\": \"replay\", "
                + "\"served\": [{\"file\": \"com/acme/A/1.json\", \"key\": \"11\", \"count\": 1}, "
                + "{\"file\": \"com/acme/B/2.json\", \"key\": \"22\", \"count\": 3}], "
                + "\"recorded\": [{\"file\": \"com/acme/C/3.json\", \"key\": \"33\"}], "
                + "\"missed\": [{\"method\": \"GET\", \"path\": \"/v1/models\", \"test_id\": null, \"key\": \"55\"}, "
                + "{\"method\": \"POST\", \"path\": \"/v1/chat/completions\", \"test_id\": \"com.acme.A::t\", \"key\": \"44\"}]}");
    }

    @Test
    void a_written_report_gives_back_its_used_files_and_its_root() throws Exception {
        UsageReport report = new UsageReport(dir, "record-if-missing");
        report.served("a/1.json", "1");
        report.recorded("b/2.json", "2");
        report.missed("POST", "/v1/x", null, "3");
        Path file = dir.resolve("target/replay4j-usage.json");
        report.writeTo(file);

        assertThat(Files.readString(file)).startsWith("{\n  \"version\": 1,\n").endsWith("}\n");
        assertThat(UsageReport.usedFiles(file)).containsExactly("a/1.json", "b/2.json");
        assertThat(UsageReport.rootOf(file)).isEqualTo(dir.toString());
    }

    @Test
    void a_file_that_is_not_a_usage_report_is_an_error_naming_it() throws Exception {
        Path notJson = Files.writeString(dir.resolve("a.json"), "{\"version\": ");
        Path otherVersion = Files.writeString(dir.resolve("b.json"), "{\"version\": 2, \"served\": []}");
        Path noServed = Files.writeString(dir.resolve("c.json"), "{\"version\": 1}");
        Path servedNotAList = Files.writeString(dir.resolve("d.json"), "{\"version\": 1, \"served\": {}}");
        Path aList = Files.writeString(dir.resolve("e.json"), "[1]");
        assertThatThrownBy(() -> UsageReport.usedFiles(notJson)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(notJson + ": not a usage report");
        for (Path bad : new Path[] {otherVersion, noServed, servedNotAList, aList}) {
            assertThatThrownBy(() -> UsageReport.usedFiles(bad)).as(bad.toString()).isInstanceOf(IOException.class)
                    .hasMessage(bad + ": not a replay4j usage report (version 1, with a \"served\" list)");
        }
        assertThatThrownBy(() -> UsageReport.rootOf(notJson)).isInstanceOf(IOException.class).hasMessageContaining("not a usage report");
        assertThat(UsageReport.rootOf(aList)).isEmpty();
    }

    @Test
    void entries_without_a_file_name_are_skipped() throws Exception {
        Path file = Files.writeString(dir.resolve("r.json"),
                "{\"version\": 1, \"served\": [{\"file\": \"x.json\"}, {\"file\": 3}, {}], \"recorded\": [{\"file\": \"y.json\"}]}");
        assertThat(UsageReport.usedFiles(file)).containsExactly("x.json", "y.json");
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import dev.replay4j.verify.FileReport;
import dev.replay4j.verify.Verdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The readable report of {@code verify}: counts per verdict, then the problem files with their message. */
final class VerifySummary {
    private final Path dir;
    private final List<FileReport> reports;

    VerifySummary(Path dir, List<FileReport> reports) {
        this.dir = dir;
        this.reports = reports;
    }

    void print(PrintWriter out) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        reports.forEach(r -> counts.merge(r.verdict(), 1, Integer::sum));

        out.println(reports.size() + (reports.size() == 1 ? " file" : " files") + " under " + dir);
        counts.forEach((verdict, n) -> out.println(String.format(Locale.ROOT, "  %-9s %d", verdict.wireName(), n)));

        List<FileReport> problems = reports.stream().filter(r -> r.verdict().isProblem()).toList();
        if (problems.isEmpty()) {
            out.println("OK: every recording is current, legacy or other.");
            return;
        }
        out.println();
        problems.forEach(r -> out.println(String.format(Locale.ROOT, "%-9s %s", r.verdict().wireName(),
                Objects.requireNonNullElse(r.message(), r.file()))));
        out.println();
        out.println("FAILED: " + problems.size() + (problems.size() == 1 ? " file is" : " files are")
                + " mismatch or broken.");
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import dev.replay4j.verify.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "stats",
        mixinStandardHelpOptions = true,
        description = "Counts the recordings under DIR by endpoint, model and test folder; total size, the largest "
                + "recordings, and the verdicts of verify.")
final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The recordings folder.")
    Path dir;

    @Option(names = "--largest", paramLabel = "N", defaultValue = "10", description = "How many of the largest recordings to show (default: ${DEFAULT-VALUE}).")
    int largest;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw CliFailure.usage("replay4j stats: no such folder: " + dir.toAbsolutePath());
        }
        if (largest < 0) {
            throw CliFailure.usage("replay4j stats: --largest must be 0 or more (how many of the largest recordings to show), not "
                    + largest);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<CatalogEntry> entries = CatalogEntry.of(dir);
        List<CatalogEntry> recordings = entries.stream().filter(CatalogEntry::isRecording).toList();
        long total = entries.stream().mapToLong(CatalogEntry::size).sum();
        out.println(dir + ": " + entries.size() + " files, " + recordings.size() + " recordings, " + Sizes.human(total));
        section(out, "by endpoint", count(recordings, CatalogEntry::endpoint));
        section(out, "by model", count(recordings, e -> e.model().isEmpty() ? "(none)" : e.model()));
        section(out, "by test folder", count(recordings, CatalogEntry::folder));
        Map<String, Long> verdicts = new TreeMap<>();
        for (Verdict v : Verdict.values()) {
            long n = entries.stream().filter(e -> e.report().verdict() == v).count();
            if (n > 0) {
                verdicts.put(v.wireName(), n);
            }
        }
        section(out, "verdicts (replay4j verify)", verdicts);
        out.println();
        out.println("largest:");
        entries.stream().sorted(Comparator.comparingLong(CatalogEntry::size).reversed()).limit(largest)
                .forEach(e -> out.printf("  %9s  %s%n", Sizes.human(e.size()), e.file()));
        out.flush();
        return ExitCode.OK;
    }

    private static Map<String, Long> count(List<CatalogEntry> entries, Function<CatalogEntry, String> by) {
        return entries.stream().collect(Collectors.groupingBy(by, TreeMap::new, Collectors.counting()));
    }

    private static void section(PrintWriter out, String title, Map<String, Long> counts) {
        out.println();
        out.println(title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.printf("  %6d  %s%n", e.getValue(), e.getKey()));
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import dev.replay4j.internal.usage.UsageReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "prune",
        mixinStandardHelpOptions = true,
        description = {
            "Finds the recordings under DIR that no usage report lists as served or recorded: shown as a dry run, "
                + "deleted with --apply.",
            "",
            "Usage reports come from replay or record-if-missing runs (serve --usage FILE; the JUnit extension writes "
                + "target/replay4j-usage.json). Give all of them (several CI jobs, several modules): a recording used "
                + "by any stays. A run of only some tests marks the others unused: prune after a full run."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done (or nothing to do)", "1:a usage report cannot be read, or --apply with no served recording at all",
            "2:usage error: DIR is not a folder, or a --usage file is missing or a folder"})
final class PruneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The recordings folder.")
    Path dir;

    @Option(names = "--usage", paramLabel = "FILE", required = true, arity = "1..*", description = "A usage report. Repeatable.")
    List<Path> usage = new ArrayList<>();

    @Option(names = "--apply", description = "Delete the unused recordings (without it, only show them).")
    boolean apply;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw CliFailure.usage("replay4j prune: no such folder: " + dir.toAbsolutePath());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<String> used = new HashSet<>();
        String here = dir.toAbsolutePath().normalize().toString();
        for (Path report : usage) {
            if (Files.isDirectory(report)) {
                throw CliFailure.usage("replay4j prune: --usage " + report + " is a folder, not a usage report: give the report's"
                        + " file, such as --usage target/replay4j-usage.json (what the JUnit extension writes)");
            }
            if (!Files.exists(report)) {
                throw CliFailure.usage("replay4j prune: --usage " + report + ": no such file (" + report.toAbsolutePath()
                        + "); a replay run writes it: serve --usage FILE, or the JUnit extension's target/replay4j-usage.json");
            }
            try {
                used.addAll(UsageReport.usedFiles(report));
                String root = UsageReport.rootOf(report);
                if (!root.isEmpty() && !root.equals(here)) {
                    err.println("replay4j prune: note: " + report + " was made for " + root + ", not " + here
                            + "; its files are matched by their path relative to the root");
                }
            } catch (FileSystemException e) { // unreadable: no permission, deleted meanwhile
                throw CliFailure.failed("replay4j prune: --usage " + report + ": " + IoProblems.describe(e));
            } catch (IOException e) { // not a usage report: the message names the file and what is wrong
                throw CliFailure.failed("replay4j prune: " + e.getMessage());
            }
        }
        List<CatalogEntry> entries = CatalogEntry.of(dir);
        List<CatalogEntry> recordings = entries.stream().filter(CatalogEntry::isRecording).toList();
        List<CatalogEntry> unused = recordings.stream().filter(e -> !used.contains(e.file())).toList();
        if (apply && used.isEmpty() && !unused.isEmpty()) {
            throw CliFailure.failed("replay4j prune: the usage reports list no served or recorded recording, so every recording "
                    + "would be deleted; check that they come from a full test run of " + here);
        }
        for (CatalogEntry e : unused) {
            if (apply) {
                Files.deleteIfExists(dir.resolve(e.file()));
                out.println("deleted  " + e.file());
            } else {
                out.println("unused   " + e.file());
            }
        }
        long others = entries.size() - recordings.size();
        out.println(unused.size() + " of " + recordings.size() + " recordings " + (apply ? "deleted" : "unused")
                + (others > 0 ? "; " + others + " other files left alone" : "")
                + (!apply && !unused.isEmpty() ? "; run again with --apply to delete them" : ""));
        out.flush();
        return ExitCode.OK;
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import dev.replay4j.verify.FileReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Checks that every recording under DIR (every *.json file, recursively) is named by the key of the "
                + "request it holds.",
            "",
            "Verdicts: current (named by its version-2 key), legacy (by its version-1 key), mismatch (by neither), "
                + "other (not an HTTP inference recording), broken (not a JSON object, or unreadable). "
                + "For a model list, models-<key>-<digest>.json, the verdict is about <key>."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every file is current, legacy or other",
            "1:a file is mismatch or broken",
            "2:usage error, or DIR is not a folder"})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Replay4jCommand parent;

    @Parameters(paramLabel = "DIR", description = "The recordings folder.")
    Path dir;

    @Option(names = "--json", description = {
        "One JSON object per file per line, in path order: file (relative to DIR), kind "
            + "(inference, models, other, broken), verdict (current, legacy, mismatch, other, broken), "
            + "then key (the version-2 key of the stored request, when there is one) and message "
            + "(for mismatch and broken)."})
    boolean json;

    @Override
    public Integer call() {
        List<RecordingFile> files = find();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (files.isEmpty()) {
            err.println("replay4j verify: no *.json files under " + dir);
        }
        Progress progress = new Progress(err, files.size(), parent.streams().errIsTerminal());
        // An ordered parallel stream: the files are verified on every core and reported in path order.
        List<FileReport> reports = files.parallelStream()
                .map(file -> {
                    FileReport report = FileCheck.check(file);
                    progress.advance();
                    return report;
                })
                .toList();
        progress.finish();

        if (json) {
            reports.forEach(r -> out.println(jsonLine(r)));
        } else {
            new VerifySummary(dir, reports).print(out);
        }
        out.flush();
        return reports.stream().anyMatch(r -> r.verdict().isProblem()) ? ExitCode.SOFTWARE : ExitCode.OK;
    }

    private List<RecordingFile> find() {
        if (!Files.exists(dir)) {
            throw CliFailure.usage("replay4j verify: no such folder: " + dir.toAbsolutePath());
        }
        if (!Files.isDirectory(dir)) {
            throw CliFailure.usage("replay4j verify: not a folder: " + dir.toAbsolutePath());
        }
        try {
            return RecordingFiles.under(dir);
        } catch (IOException e) {
            throw CliFailure.failed("replay4j verify: cannot list " + dir + ": " + IoProblems.describe(e), e);
        }
    }

    static String jsonLine(FileReport r) {
        return new JsonLine()
                .put("file", r.file())
                .put("kind", r.kind().wireName())
                .put("verdict", r.verdict().wireName())
                .putIfPresent("key", r.key())
                .putIfPresent("message", r.message())
                .toString();
    }
}

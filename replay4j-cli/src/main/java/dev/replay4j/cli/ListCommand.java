// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

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
import picocli.CommandLine.Spec;

@Command(name = "list",
        mixinStandardHelpOptions = true,
        description = "Lists the recordings under DIR, one line each: verdict, size, streaming, endpoint, model, test id, file.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The recordings folder.")
    Path dir;

    @Option(names = "--test-id", paramLabel = "TEXT", description = "Only recordings whose test id contains TEXT ('none' for recordings made outside any test).")
    String testId;

    @Option(names = "--endpoint", paramLabel = "TEXT", description = "Only recordings whose endpoint contains TEXT (such as /v1/chat).")
    String endpoint;

    @Option(names = "--model", paramLabel = "TEXT", description = "Only recordings whose model contains TEXT.")
    String model;

    @Option(names = "--json", description = "JSON lines: file (relative to DIR), test_id, endpoint, model, streaming, size, verdict.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw CliFailure.usage("replay4j list: no such folder: " + dir.toAbsolutePath());
        }
        PrintWriter out = spec.commandLine().getOut();
        List<CatalogEntry> entries = CatalogEntry.of(dir).stream().filter(this::matches).toList();
        for (CatalogEntry e : entries) {
            if (json) {
                out.println(new JsonLine().put("file", e.file()).put("test_id", e.testId()).put("endpoint", e.endpoint())
                        .put("model", e.model()).put("streaming", (Object) e.streaming()).put("size", (Object) e.size())
                        .put("verdict", e.report().verdict().wireName()));
            } else {
                out.printf("%-8s %8s %-6s %-22s %-28s %s  %s%n", e.report().verdict().wireName(), Sizes.human(e.size()),
                        e.streaming() ? "stream" : "-", e.endpoint().isEmpty() ? "-" : e.endpoint(),
                        e.model().isEmpty() ? "-" : e.model(), e.testId() == null ? "(no test)" : e.testId(), e.file());
            }
        }
        if (!json) {
            out.println(entries.size() + (entries.size() == 1 ? " recording" : " recordings"));
        }
        out.flush();
        return ExitCode.OK;
    }

    private boolean matches(CatalogEntry e) {
        boolean testOk = testId == null || (testId.equals("none") ? e.testId() == null : e.testId() != null && e.testId().contains(testId));
        return testOk && (endpoint == null || e.endpoint().contains(endpoint)) && (model == null || e.model().contains(model));
    }
}

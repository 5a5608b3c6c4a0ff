// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ui",
        mixinStandardHelpOptions = true,
        description = "A web page over the recordings in DIR, on loopback: by test folder and test, with filters and a search over "
                + "prompts and answers; one recording as a conversation; a diff of two; with --usage, the last run. The first "
                + "line of output holds its URL. It reads DIR as it is now: reload the page to see a re-recorded file.")
final class UiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The recordings root.")
    Path dir;

    @Option(names = "--usage", paramLabel = "FILE", description = "A usage report of the last run (repeatable): what it served, "
            + "recorded and missed, and which recordings no run used.")
    List<Path> usage = new ArrayList<>();

    @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "The port (default 0: a free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1", description = "The address to listen on (default 127.0.0.1).")
    String bind;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw CliFailure.usage("replay4j ui: no such folder: " + dir.toAbsolutePath());
        }
        if (port < 0 || port > 65535) {
            throw CliFailure.usage("replay4j ui: --port must be 0..65535 (0 takes a free port), not " + port);
        }
        for (Path file : usage) {
            if (!Files.isRegularFile(file)) {
                throw CliFailure.usage("replay4j ui: --usage " + file + ": no such file");
            }
        }
        LastRun run = usage.isEmpty() ? null : LastRun.read(usage);
        RecordingIndex index = new RecordingIndex(dir);
        UiServer server;
        try {
            server = new UiServer(index, run, bind, port);
        } catch (IOException e) {
            throw CliFailure.usage("replay4j ui: cannot listen on " + bind + ":" + port + " (--bind, --port): " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("replay4j ui " + server.url() + "/ (recordings " + index.root() + ")");
        out.flush();
        index.all(); // read once now, so that the first page is as fast as the next
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "replay4j-ui-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
        }
        return ExitCode.OK;
    }
}

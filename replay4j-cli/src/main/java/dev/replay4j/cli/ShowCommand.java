// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.recording.RecordingFormat;
import dev.replay4j.internal.recording.RecordingFormatException;
import dev.replay4j.internal.view.Conversations;
import dev.replay4j.internal.view.TextView;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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

@Command(name = "show",
        mixinStandardHelpOptions = true,
        description = "Shows a recording as a person reads it: the request's messages, and the answer (a streamed answer "
                + "joined into its text). FILE is a path, or a key or a unique prefix of one, looked up under --dir.")
final class ShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE|KEY", description = "A recording file, or a key (a unique prefix is enough).")
    String target;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".", description = "Where to look a key up (default: the current folder).")
    Path dir;

    @Option(names = "--raw", description = "The file's JSON as it is.")
    boolean raw;

    @Override
    public Integer call() throws IOException {
        Path file = resolve();
        byte[] content = Files.readAllBytes(file);
        PrintWriter out = spec.commandLine().getOut();
        if (raw) {
            out.print(new String(content, StandardCharsets.UTF_8));
            out.flush();
            return ExitCode.OK;
        }
        Recording recording;
        try {
            recording = RecordingFormat.read(content, file.toString());
        } catch (RecordingFormatException e) {
            throw CliFailure.failed("replay4j show: " + e.getMessage() + " (--raw shows the file as it is)");
        }
        out.println("file:      " + file);
        TextView.print(Conversations.of(recording, file.getFileName().toString()), out);
        out.flush();
        return ExitCode.OK;
    }

    /** Copies under a build's output (such as the jar's bundled samples in target/classes) are not the recordings. */
    private static boolean isBuildOutput(String relative) {
        return relative.startsWith("target/") || relative.contains("/target/") || relative.startsWith(".git/");
    }

    private Path resolve() throws IOException {
        Path asPath = Path.of(target);
        if (Files.isRegularFile(asPath)) {
            return asPath;
        }
        if (!target.matches("[0-9a-f]{4,64}")) {
            throw CliFailure.usage("replay4j show: no such file, and not a key (4 to 64 lowercase hex digits): " + target);
        }
        if (!Files.isDirectory(dir)) {
            throw CliFailure.usage("replay4j show: no such folder: " + dir.toAbsolutePath());
        }
        List<RecordingFile> found = RecordingFiles.under(dir).stream().filter(f -> {
            String name = f.path().getFileName().toString();
            return (name.startsWith(target) || name.startsWith("models-" + target)) && !isBuildOutput(f.relative());
        }).toList();
        if (found.isEmpty()) {
            throw CliFailure.failed("replay4j show: no recording under " + dir + " has a key starting with " + target);
        }
        if (found.size() > 1) {
            StringBuilder names = new StringBuilder();
            found.stream().limit(10).forEach(f -> names.append("\n  ").append(f.relative()));
            throw CliFailure.usage("replay4j show: " + found.size() + " recordings have keys starting with " + target
                    + "; give more digits:" + names);
        }
        return found.get(0).path();
    }
}

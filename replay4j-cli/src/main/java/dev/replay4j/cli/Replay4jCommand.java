// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "replay4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Record and replay of LLM API traffic for Java tests: the proxy, and tools for the recordings.",
        footer = {"", "Exit status: 0 ok, 1 a problem was found, 2 usage error."})
public final class Replay4jCommand implements Runnable {
    private final StandardStreams streams;

    @Spec
    CommandSpec spec;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
            description = "On an internal error, print the stack trace too.")
    boolean stackTrace;

    public Replay4jCommand(StandardStreams streams) {
        this.streams = streams;
    }

    StandardStreams streams() {
        return streams;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command: demo, serve, verify, key, list, show, stats, prune, ui or help");
    }
}

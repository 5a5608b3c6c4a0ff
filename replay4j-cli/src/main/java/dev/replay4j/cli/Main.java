// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import dev.replay4j.internal.proxy.Prewarm;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;

/** The entry point of {@code replay4j.jar}. */
public final class Main {
    private static final List<Supplier<Object>> SUBCOMMANDS = List.of(DemoCommand::new, ServeCommand::new,
            VerifyCommand::new, KeyCommand::new, ListCommand::new, ShowCommand::new, StatsCommand::new, PruneCommand::new, UiCommand::new,
            HelpCommand::new);

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(StandardStreams.system(), args));
    }

    /** What {@link #main} does, with the given streams; returns the exit status. */
    static int run(StandardStreams streams, String... args) {
        boolean serve = args.length > 0 && args[0].equals("serve");
        if (serve) {
            Prewarm.startOnce();
            // serve's time to its first answer is measured: a plain command line skips picocli altogether,
            // and any other builds only serve's model (picocli reads every subcommand's annotations up front).
            ServeCommand plain = ServeArguments.parse(args);
            if (plain != null) {
                try {
                    return plain.run(streams.out());
                } catch (Exception e) {
                    return FailureHandler.report(e, streams.err(), false);
                }
            }
        }
        return commandLine(streams, serve ? "serve" : null).execute(args);
    }

    /** The command line as {@link #main} runs it; tests call it with their own streams. */
    public static CommandLine commandLine(StandardStreams streams) {
        return commandLine(streams, null);
    }

    /** @param only the one subcommand to build, or {@code null} for all */
    static CommandLine commandLine(StandardStreams streams, String only) {
        CommandLine commandLine = new CommandLine(new Replay4jCommand(streams));
        for (Supplier<Object> subcommand : SUBCOMMANDS) {
            Object command = subcommand.get();
            String name = command.getClass().getAnnotation(CommandLine.Command.class).name();
            if (only == null || only.equals(name)) {
                commandLine.addSubcommand(command);
            }
        }
        commandLine.setOut(streams.out());
        commandLine.setErr(streams.err());
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        return commandLine;
    }
}

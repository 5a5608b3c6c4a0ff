package dev.replay4j.cli;

import picocli.CommandLine;

/** The entry point of {@code replay4j.jar}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("serve")) {
            Prewarm.start();
        }
        System.exit(commandLine(StandardStreams.system()).execute(args));
    }

    /** The command line as {@link #main} runs it; tests call it with their own streams. */
    public static CommandLine commandLine(StandardStreams streams) {
        CommandLine commandLine = new CommandLine(new Replay4jCommand(streams));
        commandLine.setOut(streams.out());
        commandLine.setErr(streams.err());
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        return commandLine;
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Prints a failure as one message; the stack trace only with {@code --stacktrace}. */
final class FailureHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        return report(e, commandLine.getErr(), wantsStackTrace(parseResult));
    }

    /** Prints the failure on {@code err}; returns the exit status. */
    static int report(Exception e, PrintWriter err, boolean stackTrace) {
        int exitCode;
        if (e instanceof CliFailure) {
            err.println(e.getMessage());
            exitCode = ((CliFailure) e).exitCode();
        } else {
            err.println("replay4j: internal error: " + e
                    + (stackTrace ? "" : " (run again with --stacktrace to see where)"));
            exitCode = ExitCode.SOFTWARE;
        }
        if (stackTrace) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    /** The option is inherited, so it may be given after any subcommand. */
    private static boolean wantsStackTrace(ParseResult parseResult) {
        for (ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--stacktrace")) {
                return true;
            }
        }
        return false;
    }
}

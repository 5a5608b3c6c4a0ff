// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import picocli.CommandLine.ExitCode;

/** Ends a command: its message alone is printed on standard error, and the process exits with its code. */
public final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The input was read but is wrong: exit code 1. */
    public static CliFailure failed(String message) {
        return new CliFailure(ExitCode.SOFTWARE, message, null);
    }

    public static CliFailure failed(String message, Throwable cause) {
        return new CliFailure(ExitCode.SOFTWARE, message, cause);
    }

    /** The command line names something that cannot be used (a missing folder or file): exit code 2. */
    public static CliFailure usage(String message) {
        return new CliFailure(ExitCode.USAGE, message, null);
    }

    public int exitCode() {
        return exitCode;
    }
}

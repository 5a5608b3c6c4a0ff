// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the command line in-process, exactly as {@link Main#main} does but with the test's streams. */
final class CliRunner {
    private CliRunner() {
    }

    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Result run(String... args) {
        return run(new byte[0], false, args);
    }

    static Result withInput(String stdin, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), false, args);
    }

    static Result run(byte[] stdin, boolean errIsTerminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        StandardStreams streams = new StandardStreams(new ByteArrayInputStream(stdin),
                new PrintWriter(out, true), new PrintWriter(err, true), errIsTerminal);
        int exitCode = Main.run(streams, args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}

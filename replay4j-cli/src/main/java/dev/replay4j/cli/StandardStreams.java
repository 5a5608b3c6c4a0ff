// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Standard input, output and error of one run.
 *
 * @param stdin          raw bytes; the commands decode them as UTF-8 themselves
 * @param errIsTerminal  whether progress may be shown on {@code err}: never in a pipe or CI log
 */
public record StandardStreams(InputStream stdin, PrintWriter out, PrintWriter err, boolean errIsTerminal) {

    /** The process's streams, in UTF-8 whatever the platform default (CI may run with no locale). */
    public static StandardStreams system() {
        return new StandardStreams(System.in,
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                System.console() != null);
    }
}

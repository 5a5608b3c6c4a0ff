// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bytes of a request body (or of a batch of them) and the name to give them in messages.
 *
 * @param source a file name, or {@code standard input}
 */
record RequestInput(String source, byte[] bytes) {
    static final String STANDARD_INPUT = "standard input";

    /** From {@code file}, or from {@code stdin} when it is absent or {@code -}. */
    static RequestInput read(Path file, InputStream stdin) {
        if (file == null || file.toString().equals("-")) {
            try {
                return new RequestInput(STANDARD_INPUT, stdin.readAllBytes());
            } catch (IOException e) {
                throw CliFailure.failed("replay4j key: cannot read standard input: " + IoProblems.describe(e), e);
            }
        }
        if (!Files.exists(file)) {
            throw CliFailure.usage("replay4j key: no such file: " + file);
        }
        try {
            return new RequestInput(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw CliFailure.failed("replay4j key: cannot read " + file + ": " + IoProblems.describe(e), e);
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The lines of a {@code --batch} input, kept as bytes so that invalid UTF-8 fails its own line only. */
final class BatchLines {
    private BatchLines() {
    }

    /** Split on {@code \n}, a trailing {@code \r} dropped; a final newline does not start another line. */
    static byte[][] split(byte[] input) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= input.length; i++) {
            if (i == input.length ? i > start : input[i] == '\n') {
                int end = i > start && input[i - 1] == '\r' ? i - 1 : i;
                lines.add(Arrays.copyOfRange(input, start, end));
                start = i + 1;
            }
        }
        return lines.toArray(new byte[0][]);
    }

    /** The parser sees each line as a text of its own: its "line 1" would only confuse. */
    static String withinLine(String parserMessage) {
        return parserMessage.replaceFirst(" \\(line 1, column (\\d+)\\)$", " (column $1)");
    }
}

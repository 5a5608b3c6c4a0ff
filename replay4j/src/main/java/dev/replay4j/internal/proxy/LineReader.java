// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads a stream line by line as raw bytes, terminators kept, returning each line as soon as it is whole. */
final class LineReader {
    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int pos;
    private int limit;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line with its {@code \n}, the unterminated rest at the end, or {@code null} at the end. */
    byte[] next() throws IOException {
        ByteArrayOutputStream line = null;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return line == null || line.size() == 0 ? null : line.toByteArray();
                }
            }
            for (int i = pos; i < limit; i++) {
                if (buffer[i] == '\n') {
                    byte[] chunk = Arrays.copyOfRange(buffer, pos, i + 1);
                    pos = i + 1;
                    if (line == null) {
                        return chunk;
                    }
                    line.write(chunk, 0, chunk.length);
                    return line.toByteArray();
                }
            }
            if (line == null) {
                line = new ByteArrayOutputStream(256);
            }
            line.write(buffer, pos, limit - pos);
            pos = limit;
        }
    }

    static String text(byte[] rawLine) {
        int end = rawLine.length;
        if (end > 0 && rawLine[end - 1] == '\n') {
            end--;
        }
        if (end > 0 && rawLine[end - 1] == '\r') {
            end--;
        }
        return new String(rawLine, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }
}

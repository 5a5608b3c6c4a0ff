// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Where {@link PythonJson} writes its text, which is pure ASCII: one byte per char, into a buffer that is handed on
 * as it fills, to a digest, a stream, or a growing array. So a key hashes a body of any size through a buffer of
 * a few KiB, and a recording file is written without its whole text in memory (as a {@code StringBuilder}, its
 * {@code String}, and its bytes, each as large as the file).
 *
 * <p>Callers append only ASCII (everything else is escaped before it gets here); a char is stored as its low byte.
 */
public abstract class AsciiSink {
    /** The text is long enough: {@link #limited} stops the writer with it. */
    static final class Full extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Full INSTANCE = new Full();

        private Full() {
            super("the sink is full", null, false, false);
        }
    }

    byte[] buffer;
    int count;

    AsciiSink(int size) {
        buffer = new byte[size];
    }

    /** Makes room: hands the buffered bytes on (or grows the buffer); afterwards {@code count < buffer.length}. */
    abstract void full();

    public final AsciiSink append(char c) {
        if (count == buffer.length) {
            full();
        }
        buffer[count++] = (byte) c;
        return this;
    }

    public final AsciiSink append(String s) {
        return append(s, 0, s.length());
    }

    /** The chars {@code from} (inclusive) to {@code to} (exclusive) of {@code s}, all ASCII. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the low byte of each char, as wanted
    public final AsciiSink append(String s, int from, int to) {
        while (from < to) {
            if (count == buffer.length) {
                full();
            }
            int n = Math.min(to - from, buffer.length - count);
            s.getBytes(from, from + n, buffer, count);
            count += n;
            from += n;
        }
        return this;
    }

    /** Hands on what is buffered. */
    public void flush() {
        if (count > 0) {
            full();
        }
    }

    /** A sink that feeds {@code digest}; call {@link #flush} before reading the digest. */
    public static AsciiSink digest(MessageDigest digest) {
        return new AsciiSink(8192) {
            @Override
            void full() {
                digest.update(buffer, 0, count);
                count = 0;
            }
        };
    }

    /**
     * A sink that writes to {@code out}; its {@link IOException}s come out as {@link UncheckedIOException}s, for
     * the caller to unwrap. Call {@link #flush} at the end.
     */
    public static AsciiSink to(OutputStream out) {
        return new AsciiSink(65536) {
            @Override
            void full() {
                try {
                    out.write(buffer, 0, count);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count = 0;
            }
        };
    }

    /** A sink that keeps the text, for {@link Text#toString()} or {@link Text#toBytes()}. */
    public static Text text(int expectedLength) {
        return new Text(Math.max(16, expectedLength));
    }

    /** A sink that keeps at most {@code max} chars, then stops the writer ({@link PythonJson#canonical(
     * com.fasterxml.jackson.databind.JsonNode, int)} catches that). */
    static Text limited(int max) {
        return new Text(Math.max(1, Math.min(max, 4096))) {
            @Override
            void full() {
                if (buffer.length >= max) {
                    throw Full.INSTANCE;
                }
                buffer = Arrays.copyOf(buffer, Math.min(max, buffer.length * 2));
            }
        };
    }

    /** The text written so far, held. */
    public static class Text extends AsciiSink {
        Text(int size) {
            super(size);
        }

        @Override
        void full() {
            int grown = buffer.length + Math.max(16, buffer.length >> 1);
            buffer = Arrays.copyOf(buffer, grown < 0 ? Integer.MAX_VALUE - 8 : grown);
        }

        @Override
        public void flush() {
            // nothing to hand on
        }

        public int length() {
            return count;
        }

        /** One copy: a Latin-1 {@code String} keeps one byte per char. */
        @Override
        public String toString() {
            return new String(buffer, 0, count, StandardCharsets.ISO_8859_1);
        }

        public byte[] toBytes() {
            return Arrays.copyOf(buffer, count);
        }
    }
}

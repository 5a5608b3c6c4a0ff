// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/**
 * Lines read across the reads that brought them, with the reads' boundaries chosen: where a real socket splits a
 * stream depends on timing, so these are the cases a test over loopback would meet once in thousands of runs.
 */
class ConnectionInputTest {
    private static final int BUFFER = 16 * 1024;
    private static final long FAR = Long.MAX_VALUE / 2;

    /** A socket whose reads return the given pieces, one per read (a piece larger than the read's room, in two). */
    private static ConnectionInput reading(String... pieces) throws IOException {
        Deque<byte[]> reads = new ArrayDeque<>();
        for (String p : pieces) {
            reads.add(p.getBytes(StandardCharsets.ISO_8859_1));
        }
        InputStream in = new InputStream() {
            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                byte[] next = reads.poll();
                if (next == null) {
                    return -1;
                }
                int n = Math.min(len, next.length);
                System.arraycopy(next, 0, b, off, n);
                if (n < next.length) {
                    reads.push(java.util.Arrays.copyOfRange(next, n, next.length)); // the rest, at the next read
                }
                return n;
            }
        };
        Socket socket = new Socket() {
            @Override
            public InputStream getInputStream() {
                return in;
            }

            @Override
            public void setSoTimeout(int timeout) {
                // reads never wait here
            }
        };
        return new ConnectionInput(socket);
    }

    @Test
    void a_cr_that_ends_a_full_buffer_still_ends_its_line_with_the_lf_of_the_next_read() throws IOException {
        String first = "x".repeat(BUFFER - 1);
        ConnectionInput in = reading(first + "\r", "\nnext\r\n");
        assertThat(in.readLine(FAR, 64 * 1024)).isEqualTo(first);
        assertThat(in.readLine(FAR, 64 * 1024)).isEqualTo("next");
    }

    @Test
    void a_line_that_crosses_the_buffer_s_end_after_another_is_read_whole_cr_included() throws IOException {
        String line = "y".repeat(BUFFER - 5);
        ConnectionInput in = reading("ab\r\n" + line + "\r", "\n1a\r\n");
        assertThat(in.readLine(FAR, 64 * 1024)).isEqualTo("ab");
        assertThat(in.readLine(FAR, 64 * 1024)).isEqualTo(line);
        assertThat(in.readLine(FAR, 64 * 1024)).isEqualTo("1a");
    }

    @Test
    void a_line_longer_than_the_buffer_and_one_sent_a_byte_at_a_time_are_read_whole() throws IOException {
        String longer = "z".repeat(3 * BUFFER + 7);
        ConnectionInput in = reading(longer.substring(0, BUFFER), longer.substring(BUFFER, 2 * BUFFER),
                longer.substring(2 * BUFFER, 3 * BUFFER - 1) + "z", longer.substring(3 * BUFFER) + "\r", "\n",
                "s", "l", "o", "w", "\r", "\n");
        assertThat(in.readLine(FAR, 64 * 1024)).isEqualTo(longer);
        assertThat(in.readLine(FAR, 64 * 1024)).isEqualTo("slow");
    }
}

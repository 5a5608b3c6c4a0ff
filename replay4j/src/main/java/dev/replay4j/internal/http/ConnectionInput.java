// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a client sends on one connection, buffered: request heads are parsed out of the buffer, and bodies read
 * through it. Every read that waits on the socket has a time limit (the socket's {@code SO_TIMEOUT}), so that no
 * client can hold a thread by keeping silent.
 */
final class ConnectionInput {
    private static final int SIZE = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final byte[] buf = new byte[SIZE];
    private int pos;
    private int limit;

    ConnectionInput(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    int buffered() {
        return limit - pos;
    }

    /** What a wait for a client's next request found. */
    enum Next { BYTES, NOTHING_YET, CLOSED }

    /**
     * Waits at most {@code millis} for at least one byte. The end of the stream is an answer, not an exception: a
     * client that closes its connection after its last request is the usual end of every connection.
     */
    Next await(int millis) throws IOException {
        if (buffered() > 0) {
            return Next.BYTES;
        }
        try {
            return fillOrEnd(millis) ? Next.BYTES : Next.CLOSED;
        } catch (SocketTimeoutException e) {
            return Next.NOTHING_YET;
        }
    }

    /**
     * Reads one line of a request head (up to LF; a CR before it is dropped) as ISO-8859-1.
     *
     * @param deadline {@link System#nanoTime()} by which the whole head must have come
     * @param maxLength a longer line is refused
     */
    String readLine(long deadline, int maxLength) throws IOException {
        StringBuilder longLine = null;
        int seen = 0; // bytes after pos already searched: a client sending a byte at a time costs one pass, not n²
        while (true) {
            for (int i = pos + seen; i < limit; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    String part = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    if (longLine == null) {
                        return part;
                    }
                    longLine.append(part);
                    if (longLine.length() > maxLength) {
                        throw new BadRequest(431, "a request header line longer than " + maxLength + " bytes");
                    }
                    return longLine.toString();
                }
            }
            if (buffered() > maxLength || (longLine != null && longLine.length() + buffered() > maxLength)) {
                throw new BadRequest(431, "a request header line longer than " + maxLength + " bytes");
            }
            if (pos == 0 && limit == buf.length) {
                // A line longer than the buffer: keep what is here and read on. (A line that only crosses the
                // buffer's end is moved to its start by the next fill instead.) A CR at the very end stays in the
                // buffer, so that the LF the next read brings still finds it.
                if (longLine == null) {
                    longLine = new StringBuilder();
                }
                int keep = buf[limit - 1] == '\r' ? 1 : 0;
                longLine.append(new String(buf, pos, limit - keep - pos, StandardCharsets.ISO_8859_1));
                pos = limit - keep;
            }
            seen = limit - pos;
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("request head");
            }
            fill((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
        }
    }

    /** Reads body bytes: what is buffered, else from the socket, waiting at most {@code millis} for one. -1 at the end. */
    int read(byte[] b, int off, int len, int millis) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = buffered();
        if (n == 0) {
            if (len >= buf.length) {
                return readSocket(b, off, len, millis);
            }
            if (!fillOrEnd(millis)) {
                return -1;
            }
            n = buffered();
        }
        n = Math.min(n, len);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    private void fill(int millis) throws IOException {
        if (!fillOrEnd(millis)) {
            throw new EOFException("the client closed the connection");
        }
    }

    private boolean fillOrEnd(int millis) throws IOException {
        if (pos == limit) {
            pos = 0;
            limit = 0;
        } else if (limit == buf.length) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        int n = readSocket(buf, limit, buf.length - limit, millis);
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }

    /**
     * Reads what the socket has, waiting at most {@code millis} for a first byte. A timed read of a channel's socket
     * switches the channel to non-blocking and back, four {@code fcntl} calls around the read (four of the ten system
     * calls a warm request made). Most often the client's bytes are there already (one {@code FIONREAD} says so), and a
     * read without a time limit then takes them at once: it cannot wait, since only this thread reads the connection.
     */
    private int readSocket(byte[] b, int off, int len, int millis) throws IOException {
        socket.setSoTimeout(in.available() > 0 ? 0 : millis);
        return in.read(b, off, len);
    }
}

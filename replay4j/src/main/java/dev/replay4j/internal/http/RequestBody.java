// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * A request's body, framed by its Content-Length or by chunks. A read that waits longer than the client timeout
 * without a byte fails, and the connection is closed: a client whose bytes keep coming is never cut, however long
 * its upload. Closing drains what the handler left unread, up to {@link #DRAIN} bytes; a longer rest, or one that
 * cannot be read, leaves the connection unusable for another request.
 */
abstract class RequestBody extends InputStream {
    static final long DRAIN = 64 * 1024;

    final ConnectionInput in;
    private final Timeouts timeouts;
    private boolean ended;
    private boolean closed;

    RequestBody(ConnectionInput in, Timeouts timeouts) {
        this.in = in;
        this.timeouts = timeouts;
    }

    static RequestBody of(long length, ConnectionInput in, Timeouts timeouts) {
        if (length == -2) {
            return new Chunked(in, timeouts);
        }
        return new Fixed(in, timeouts, Math.max(0, length));
    }

    /** True when the body was read to its end: the next request starts right after it. */
    final boolean complete() {
        return ended;
    }

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("the request body is closed");
        }
        return readGuarded(b, off, len);
    }

    private int readGuarded(byte[] b, int off, int len) throws IOException {
        if (ended) {
            return -1;
        }
        try {
            int n = next(b, off, len, timeouts.millis());
            if (n < 0) {
                ended = true;
            }
            return n;
        } catch (SocketTimeoutException e) {
            throw timeouts.bodySilent(e);
        }
    }

    @Override
    public final void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        byte[] skip = new byte[8192];
        long left = DRAIN;
        while (!ended && left > 0) {
            int n = readGuarded(skip, 0, (int) Math.min(skip.length, left));
            if (n > 0) {
                left -= n;
            }
        }
    }

    /** Body bytes, or -1 at the body's end. */
    abstract int next(byte[] b, int off, int len, int millis) throws IOException;

    private static final class Fixed extends RequestBody {
        private long left;

        Fixed(ConnectionInput in, Timeouts timeouts, long length) {
            super(in, timeouts);
            this.left = length;
        }

        @Override
        public int available() {
            return (int) Math.min(left, in.buffered());
        }

        @Override
        int next(byte[] b, int off, int len, int millis) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left), millis);
            if (n < 0) {
                throw new IOException("the client closed the connection " + left + " bytes before the end of its body");
            }
            left -= n;
            return n;
        }
    }

    /** RFC 9112, 7.1: hex size, extensions ignored, trailers read and dropped. */
    private static final class Chunked extends RequestBody {
        private long chunkLeft;
        private boolean last;

        Chunked(ConnectionInput in, Timeouts timeouts) {
            super(in, timeouts);
        }

        @Override
        public int available() {
            return (int) Math.min(chunkLeft, in.buffered());
        }

        @Override
        int next(byte[] b, int off, int len, int millis) throws IOException {
            if (last) {
                return -1;
            }
            if (chunkLeft == 0) {
                long deadline = System.nanoTime() + millis * 1_000_000L;
                chunkLeft = size(in.readLine(deadline, 1024));
                if (chunkLeft == 0) {
                    while (!in.readLine(deadline, RequestHead.MAX_LINE).isEmpty()) {
                        // a trailer: dropped
                    }
                    last = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, chunkLeft), millis);
            if (n < 0) {
                throw new IOException("the client closed the connection inside a chunk of its body");
            }
            chunkLeft -= n;
            if (chunkLeft == 0) {
                String end = in.readLine(System.nanoTime() + millis * 1_000_000L, 16);
                if (!end.isEmpty()) {
                    throw new BadRequest(400, "a chunk of the request body longer than its size");
                }
            }
            return n;
        }

        private static int hex(char c) {
            return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        }

        /** Hex digits only (no sign, no space), then any extensions after a ';'. */
        private static long size(String line) throws BadRequest {
            int end = 0;
            long size = 0;
            while (end < line.length() && hex(line.charAt(end)) >= 0) {
                if (end >= 15) {
                    throw new BadRequest(400, "a chunk size over 15 hex digits");
                }
                size = size * 16 + hex(line.charAt(end));
                end++;
            }
            int rest = end;
            while (rest < line.length() && (line.charAt(rest) == ' ' || line.charAt(rest) == '\t')) {
                rest++; // BWS before an extension (RFC 9112, 7.1.1)
            }
            if (end == 0 || rest < line.length() && line.charAt(rest) != ';') {
                throw new BadRequest(400, "a chunk size that is not a hex number");
            }
            return size;
        }
    }
}

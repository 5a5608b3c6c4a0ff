// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What the server writes on one connection: a response's head and body, framed by a Content-Length or as
 * chunks, buffered so that a whole small answer leaves in one write. {@link #flush()} sends what is buffered
 * (a chunk, for a chunked body): a stream's events reach the client as they are written.
 */
final class ResponseOutput extends OutputStream {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    enum Framing {
        /** Headers not sent yet: nothing may be written. */
        NONE,
        /** No body (204, 304, or a length of -1): writing one is an error. */
        EMPTY,
        /** The answer to HEAD: the handler may write the body a GET would get, and it is dropped. */
        DISCARD,
        FIXED,
        CHUNKED,
        /** HTTP/1.0 without a length: the body ends when the connection does. */
        UNTIL_CLOSE
    }

    private final OutputStream socket;
    private final byte[] wire = new byte[8 * 1024];
    private int count;
    private byte[] chunk;
    private int chunkCount;
    private Framing framing = Framing.NONE;
    private long left;
    private boolean closed;
    private boolean broken;

    ResponseOutput(OutputStream socket) {
        this.socket = socket;
    }

    /**
     * Starts a response, and the body written from now on is framed so. The head of a chunked (or HTTP/1.0)
     * body leaves at once: a stream's status must reach the client before its first event, which may be minutes
     * away, and clients stop their header timeouts on it. A fixed-length head waits for its body, to leave with it.
     */
    void start(byte[] head, Framing framing, long length) throws IOException {
        put(head, 0, head.length);
        this.framing = framing;
        this.left = length;
        this.closed = false;
        this.chunkCount = 0;
        if (framing == Framing.CHUNKED || framing == Framing.UNTIL_CLOSE) {
            send();
        }
    }

    /** An interim answer (100 Continue), sent now. */
    void sendNow(byte[] bytes) throws IOException {
        put(bytes, 0, bytes.length);
        send();
    }

    /** False when the response was cut (too few bytes, a failed write): the connection cannot carry another. */
    boolean completed() {
        return closed && !broken && framing != Framing.UNTIL_CLOSE;
    }

    void reset() {
        framing = Framing.NONE;
        closed = false;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("the answer's body is closed");
        }
        switch (framing) {
            case NONE:
                throw new IOException("the answer's headers are not sent yet");
            case EMPTY:
                if (len > 0) {
                    throw new IOException("this answer has no body");
                }
                return;
            case DISCARD:
                return;
            case FIXED:
                if (len > left) {
                    throw new IOException("too many bytes for the answer's Content-Length");
                }
                left -= len;
                put(b, off, len);
                return;
            case CHUNKED:
                if (chunk == null) {
                    chunk = new byte[8 * 1024];
                }
                if (chunkCount + len > chunk.length) {
                    endChunk();
                    if (len >= chunk.length) {
                        chunk(b, off, len);
                        return;
                    }
                }
                System.arraycopy(b, off, chunk, chunkCount, len);
                chunkCount += len;
                return;
            default:
                put(b, off, len);
        }
    }

    @Override
    public void flush() throws IOException {
        if (closed) {
            return;
        }
        if (framing == Framing.CHUNKED) {
            endChunk();
        }
        send();
    }

    /** Ends the body; for a fixed length, fails when fewer bytes were written (the connection is then closed). */
    @Override
    public void close() throws IOException {
        if (closed || framing == Framing.NONE) {
            return;
        }
        closed = true;
        if (framing == Framing.CHUNKED) {
            endChunk();
            put(LAST_CHUNK, 0, LAST_CHUNK.length);
        }
        send();
        if (framing == Framing.FIXED && left > 0) {
            broken = true;
            throw new IOException("the answer ended " + left + " bytes before its Content-Length");
        }
    }

    private void endChunk() throws IOException {
        if (chunkCount > 0) {
            chunk(chunk, 0, chunkCount);
            chunkCount = 0;
        }
    }

    private void chunk(byte[] b, int off, int len) throws IOException {
        byte[] size = (Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        put(size, 0, size.length);
        put(b, off, len);
        put(CRLF, 0, 2);
    }

    private void put(byte[] b, int off, int len) throws IOException {
        if (count + len > wire.length) {
            send();
            if (len >= wire.length) {
                toSocket(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, wire, count, len);
        count += len;
    }

    private void send() throws IOException {
        if (count > 0) {
            int n = count;
            count = 0;
            toSocket(wire, 0, n);
        }
    }

    private void toSocket(byte[] b, int off, int len) throws IOException {
        try {
            socket.write(b, off, len);
        } catch (IOException | RuntimeException e) {
            broken = true;
            throw e;
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream.testing;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection on loopback, one request at a time: the benchmarks' client (the load
 * generator's, and the suite's that costs nothing). Raw sockets, so that the client costs the same, and as little as
 * possible, for every server measured. Reads responses with Content-Length or chunked bodies.
 */
public final class HttpConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] line = new byte[8192];
    private final byte[] sink = new byte[65536];

    public HttpConnection(int port, int timeoutMillis) throws IOException {
        this("127.0.0.1", port, timeoutMillis);
    }

    public HttpConnection(String host, int port, int timeoutMillis) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(timeoutMillis);
        socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        in = new BufferedInputStream(socket.getInputStream(), 65536);
        out = socket.getOutputStream();
    }

    /** The bytes of a POST with a JSON body, ready to be written again and again. */
    public static byte[] post(int port, String path, byte[] body, boolean close) {
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + "Accept: */*\r\nContent-Length: " + body.length + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Sends one request and reads its whole response; returns the status. Body bytes are counted, not kept. */
    public int exchange(byte[] request, long[] bodyBytes) throws IOException {
        out.write(request);
        out.flush();
        return readResponse(bodyBytes, null);
    }

    /** Reads one response; when {@code keep} is given, the body goes there too. */
    public int readResponse(long[] bodyBytes, java.io.ByteArrayOutputStream keep) throws IOException {
        String status = readLine();
        int sp = status.indexOf(' ');
        if (!status.startsWith("HTTP/1.") || sp < 0 || status.length() < sp + 4) {
            throw new IOException("not an HTTP response: " + status);
        }
        int code = Integer.parseInt(status.substring(sp + 1, sp + 4));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (int headers = 0; ; headers++) {
            if (headers > 200) {
                throw new IOException("more than 200 header lines");
            }
            String h = readLine();
            if (h.isEmpty()) {
                break;
            }
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.toLowerCase().contains("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                close = true;
            }
        }
        long n = 0;
        if (chunked) {
            while (true) {
                String size = readLine();
                int semi = size.indexOf(';');
                long chunk = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (chunk == 0) {
                    while (!readLine().isEmpty()) {
                        // trailers
                    }
                    break;
                }
                skip(chunk, keep);
                n += chunk;
                readLine();
            }
        } else if (length >= 0) {
            skip(length, keep);
            n = length;
        } else if (code != 204 && code != 304) {
            close = true; // body until EOF
            int r;
            while ((r = in.read(sink)) > 0) {
                if (keep != null) {
                    keep.write(sink, 0, r);
                }
                n += r;
            }
        }
        if (bodyBytes != null) {
            bodyBytes[0] += n;
        }
        if (close) {
            throw new ClosedAfterResponse(code);
        }
        return code;
    }

    /** The server closed the connection after a complete response. */
    public static final class ClosedAfterResponse extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        ClosedAfterResponse(int status) {
            super("the server closed the connection", null);
            this.status = status;
        }

        /** The status of the complete response before the close. */
        public int status() {
            return status;
        }
    }

    private void skip(long count, java.io.ByteArrayOutputStream keep) throws IOException {
        long left = count;
        while (left > 0) {
            int r = in.read(sink, 0, (int) Math.min(sink.length, left));
            if (r < 0) {
                throw new EOFException("the body ended " + left + " bytes early");
            }
            if (keep != null) {
                keep.write(sink, 0, r);
            }
            left -= r;
        }
    }

    private String readLine() throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the connection closed mid-response");
            }
            if (b == '\n') {
                break;
            }
            if (n == line.length) {
                throw new IOException("line longer than " + line.length + " bytes");
            }
            line[n++] = (byte) b;
        }
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        return new String(line, 0, n, StandardCharsets.ISO_8859_1);
    }

    public InputStream input() {
        return in;
    }

    public OutputStream output() {
        return out;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * An exchange whose answer a fault damages, whichever step writes it (a replay, a forwarded answer, a stream):
 * {@code delay} waits before the status line, {@code cut-after} lets the first events of a stream (the first
 * bytes of any other answer) through and then drops the connection, without the terminal event.
 */
final class FaultedExchange extends HttpExchange {
    private final HttpExchange ex;
    private final Fault fault;
    private OutputStream body;
    private StreamFormat stream;

    FaultedExchange(HttpExchange ex, Fault fault) {
        this.ex = ex;
        this.fault = fault;
    }

    @Override
    public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
        if (fault.delayMs() > 0) {
            try {
                Thread.sleep(fault.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AbortConnection("interrupted during the fault's delay");
            }
        }
        stream = StreamFormat.ofContentType(ex.getResponseHeaders().getFirst("Content-Type"));
        ex.sendResponseHeaders(rCode, responseLength);
    }

    @Override
    public OutputStream getResponseBody() {
        if (fault.cutAfter() < 0) {
            return ex.getResponseBody();
        }
        if (body == null) {
            body = new Cut(ex.getResponseBody(), stream, fault.cutAfter(), fault.spec());
        }
        return body;
    }

    /** Passes the first events (an SSE event ends at a blank line; an NDJSON event is a line), or bytes, then drops the connection. */
    static final class Cut extends OutputStream {
        private final OutputStream out;
        private final boolean events;
        private final long limit;
        private final String spec;
        private long count;
        private boolean lineHasContent;
        private boolean eventHasContent;
        private boolean cut;
        private final boolean sse;

        Cut(OutputStream out, StreamFormat format, long limit, String spec) {
            this.out = out;
            this.events = format != null;
            this.sse = format == StreamFormat.SSE;
            this.limit = limit;
            this.spec = spec;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (cut) {
                throw abort();
            }
            if (limit == 0) {
                cut();
            }
            if (!events) {
                long room = limit - count;
                if (len <= room) {
                    out.write(b, off, len);
                    count += len;
                    return;
                }
                out.write(b, off, (int) room);
                cut();
            }
            for (int i = off; i < off + len; i++) {
                byte c = b[i];
                if (c == '\r') {
                    continue;
                }
                if (c != '\n') {
                    lineHasContent = true;
                    continue;
                }
                boolean ended;
                if (sse) {
                    ended = !lineHasContent && eventHasContent;
                    eventHasContent |= lineHasContent;
                    if (ended) {
                        eventHasContent = false;
                    }
                } else {
                    ended = lineHasContent;
                }
                lineHasContent = false;
                if (ended && ++count == limit) {
                    out.write(b, off, i + 1 - off);
                    cut();
                }
            }
            out.write(b, off, len);
        }

        private void cut() throws IOException {
            out.flush();
            cut = true;
            throw abort();
        }

        private AbortConnection abort() {
            return new AbortConnection("the fault " + spec + " cut the answer after " + limit + (events ? " events" : " bytes"));
        }

        @Override
        public void flush() throws IOException {
            if (!cut) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (!cut) {
                out.close();
            }
        }
    }

    @Override
    public Headers getRequestHeaders() {
        return ex.getRequestHeaders();
    }

    @Override
    public Headers getResponseHeaders() {
        return ex.getResponseHeaders();
    }

    @Override
    public URI getRequestURI() {
        return ex.getRequestURI();
    }

    @Override
    public String getRequestMethod() {
        return ex.getRequestMethod();
    }

    @Override
    public HttpContext getHttpContext() {
        return ex.getHttpContext();
    }

    @Override
    public void close() {
        ex.close();
    }

    @Override
    public InputStream getRequestBody() {
        return ex.getRequestBody();
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return ex.getRemoteAddress();
    }

    @Override
    public int getResponseCode() {
        return ex.getResponseCode();
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return ex.getLocalAddress();
    }

    @Override
    public String getProtocol() {
        return ex.getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
        return ex.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        ex.setAttribute(name, value);
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        ex.setStreams(i, o);
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return ex.getPrincipal();
    }
}

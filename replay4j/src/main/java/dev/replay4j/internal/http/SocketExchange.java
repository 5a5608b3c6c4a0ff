// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * One request and its response on a {@link Connection}, with the JDK server's contract: a length of 0 is a chunked
 * body, -1 none; the JDK adds Date, and says Connection: close when it will close.
 */
final class SocketExchange extends HttpExchange {
    private final Connection connection;
    private final RequestHead head;
    private final RequestBody body;
    private final ResponseOutput output;
    private final Headers responseHeaders = new Headers();
    private InputStream in;
    private OutputStream out;
    private int status = -1;
    private boolean closeAfter;
    private Map<String, Object> attributes;

    SocketExchange(Connection connection, RequestHead head, RequestBody body, ResponseOutput output) {
        this.connection = connection;
        this.head = head;
        this.body = body;
        this.output = output;
        this.in = body;
        this.out = output;
        this.closeAfter = !head.keepAlive;
    }

    /** True when the connection may carry the next request: both bodies ended where their framing says. */
    boolean reusable() {
        return !closeAfter && body.complete() && output.completed();
    }

    @Override
    public Headers getRequestHeaders() {
        return head.headers;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return head.uri;
    }

    @Override
    public String getRequestMethod() {
        return head.method;
    }

    @Override
    public HttpContext getHttpContext() {
        return connection.context();
    }

    @Override
    public void close() {
        try {
            if (status < 0) {
                closeAfter = true; // no answer at all: the client can only tell by the connection's end
                return;
            }
            try {
                body.close();
            } finally {
                out.close();
            }
        } catch (IOException e) {
            closeAfter = true;
        }
    }

    @Override
    public InputStream getRequestBody() {
        return in;
    }

    @Override
    public OutputStream getResponseBody() {
        return out;
    }

    @Override
    public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
        if (status >= 0) {
            throw new IOException("the answer's headers were sent already");
        }
        if (rCode < 200 || rCode > 999) {
            throw new IllegalArgumentException("not a final status: " + rCode);
        }
        status = rCode;
        ResponseOutput.Framing framing;
        long length = 0;
        boolean head = this.head.method.equals("HEAD");
        if (rCode == 204 || rCode == 304) {
            framing = ResponseOutput.Framing.EMPTY;
            responseHeaders.remove("Content-Length");
        } else if (responseLength == 0) {
            if (this.head.http10()) {
                framing = ResponseOutput.Framing.UNTIL_CLOSE;
                closeAfter = true;
            } else {
                framing = ResponseOutput.Framing.CHUNKED;
                responseHeaders.set("Transfer-Encoding", "chunked");
            }
        } else {
            length = Math.max(0, responseLength);
            framing = responseLength < 0 ? ResponseOutput.Framing.EMPTY : ResponseOutput.Framing.FIXED;
            responseHeaders.set("Content-Length", Long.toString(length));
        }
        if (head) {
            framing = ResponseOutput.Framing.DISCARD;
            length = 0;
            if (responseLength == 0 && !this.head.http10()) {
                responseHeaders.remove("Transfer-Encoding");
            }
        }
        if (!responseHeaders.containsKey("Date")) {
            responseHeaders.set("Date", ResponseHead.date());
        }
        if (closeAfter || connection.stopping()) {
            closeAfter = true;
            responseHeaders.set("Connection", "close");
        } else if (this.head.http10()) {
            responseHeaders.set("Connection", "keep-alive");
        }
        output.start(ResponseHead.of(rCode, responseHeaders), framing, length);
        if (framing == ResponseOutput.Framing.EMPTY) {
            output.close(); // the answer is whole: it leaves now, whatever the handler does next
        }
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public int getResponseCode() {
        return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return connection.localAddress();
    }

    @Override
    public String getProtocol() {
        return head.protocol;
    }

    @Override
    public Object getAttribute(String name) {
        return attributes == null ? null : attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (attributes == null) {
            attributes = new HashMap<>();
        }
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        if (i != null) {
            in = i;
        }
        if (o != null) {
            out = o;
        }
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One client connection, served by one thread while its requests keep coming: the request head is read, the handler
 * runs, the answer is written, and the next request is read on the same thread with no hand-off. A connection with
 * no next request within {@link #LINGER_MILLIS} (or at once, when other connections wait for a thread) is parked with
 * the {@link IdleConnections}, which hand it back to a thread when the client writes again.
 */
final class Connection implements Runnable {
    /**
     * How long a thread waits for a connection's next request before parking it. A client on a keep-alive connection
     * usually sends its next request within micro- to milliseconds; a thread held longer is a thread others may lack.
     */
    static final int LINGER_MILLIS = 50;
    /** The most a closing connection waits for its client to stop sending (see {@link #lingeringClose()}). */
    static final int LINGER_CLOSE_MILLIS = 1000;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final SocketHttpServer server;
    private final SocketChannel channel;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private ConnectionInput input;
    private ResponseOutput output;
    /** Set when the idle connections hand it back: a byte (or the end) is there to read. */
    private boolean readable;
    /** Set when a whole answer went out but the client may still be sending: the close must not reset it away. */
    private boolean lingerOnClose;

    Connection(SocketHttpServer server, SocketChannel channel) throws IOException {
        this.server = server;
        this.channel = channel;
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        this.local = (InetSocketAddress) channel.getLocalAddress();
    }

    SocketChannel channel() {
        return channel;
    }

    HttpContext context() {
        return server.context();
    }

    InetSocketAddress remoteAddress() {
        return remote;
    }

    InetSocketAddress localAddress() {
        return local;
    }

    boolean stopping() {
        return server.stopping();
    }

    void readable() {
        readable = true;
    }

    @Override
    public void run() {
        boolean parked = false;
        try {
            if (input == null) {
                input = new ConnectionInput(channel.socket());
                output = new ResponseOutput(channel.socket().getOutputStream());
            }
            parked = serve();
        } catch (Timeouts.ClientTooSlow | EOFException e) {
            // said (or routine): the connection ends
        } catch (IOException e) {
            server.log().debug("replay4j: connection from {} ended: {}", remote, e.toString());
        } catch (RuntimeException | Error e) {
            server.log().error("replay4j: connection from {} failed", remote, e);
        } finally {
            if (!parked) {
                if (lingerOnClose) {
                    lingeringClose();
                } else {
                    close();
                }
            }
        }
    }

    /** Serves requests until the connection ends (false) or is parked (true). */
    private boolean serve() throws IOException {
        boolean ready = readable;
        readable = false;
        while (!server.stopping()) {
            lingerOnClose = false;
            if (!ready && input.buffered() == 0) {
                ConnectionInput.Next next = server.threadsWanted() ? ConnectionInput.Next.NOTHING_YET : input.await(LINGER_MILLIS);
                if (next == ConnectionInput.Next.CLOSED) {
                    return false;
                }
                if (next == ConnectionInput.Next.NOTHING_YET) {
                    input = null; // a parked connection holds no buffers
                    output = null;
                    return server.park(this);
                }
            }
            ready = false;
            RequestHead head;
            try {
                head = RequestHead.read(input, System.nanoTime() + server.timeouts().nanos());
            } catch (SocketTimeoutException e) {
                throw server.timeouts().headersLate(e);
            } catch (BadRequest e) {
                refuse(e);
                return false;
            }
            if (!exchange(head)) {
                return false;
            }
        }
        return false;
    }

    /** Runs one exchange; true when the connection can carry the next. */
    private boolean exchange(RequestHead head) throws IOException {
        if (head.expectsContinue && (head.bodyLength > 0 || head.bodyLength == -2)) {
            output.sendNow(CONTINUE);
        }
        output.reset();
        SocketExchange ex = new SocketExchange(this, head, RequestBody.of(head.bodyLength, input, server.timeouts()), output);
        try {
            server.handler().handle(ex);
        } catch (IOException | RuntimeException e) {
            // The handler's way of saying that the connection must drop (a client gone, a stream cut on purpose).
            server.log().debug("replay4j: {} {}: connection dropped ({})", head.method, head.uri.getRawPath(), e.toString());
            return false;
        }
        ex.close();
        lingerOnClose = true; // from here on the answer is whole, whatever the request left unread
        // A handler that was interrupted (and kept the flag) must not close the next request's channel: a blocking
        // read on an interruptible channel with the flag set closes it at once. (Stopping is seen by the loop.)
        Thread.interrupted();
        return ex.reusable();
    }

    private void refuse(BadRequest e) {
        byte[] text = ("replay4j: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        Headers headers = new Headers();
        headers.set("Content-Type", "text/plain; charset=utf-8");
        headers.set("Content-Length", Integer.toString(text.length));
        headers.set("Connection", "close");
        headers.set("Date", ResponseHead.date());
        try {
            output.reset();
            output.start(ResponseHead.of(e.status, headers), ResponseOutput.Framing.FIXED, text.length);
            output.write(text);
            output.close();
            lingerOnClose = true;
        } catch (IOException ignored) {
            // the client is gone: nothing to tell it
        }
        server.log().debug("replay4j: refused a request from {}: {}", remote, e.getMessage());
    }

    /**
     * Closes after a whole answer while the client may still be sending (a refused head, a body left undrained,
     * requests pipelined after a Connection: close): closing with unread bytes would make the kernel send a reset,
     * which can reach the client before it has read the answer. So the answer's end is signalled (FIN), and what
     * the client still sends is read and dropped, for at most {@link #LINGER_CLOSE_MILLIS} and 256 KiB.
     */
    private void lingeringClose() {
        try {
            channel.shutdownOutput();
            Socket socket = channel.socket();
            InputStream in = socket.getInputStream();
            byte[] drop = new byte[8192];
            long deadline = System.nanoTime() + LINGER_CLOSE_MILLIS * 1_000_000L;
            for (long left = 256 * 1024; left > 0; ) {
                long wait = (deadline - System.nanoTime()) / 1_000_000;
                if (wait <= 0) {
                    break;
                }
                socket.setSoTimeout((int) wait);
                int n = in.read(drop);
                if (n < 0) {
                    break;
                }
                left -= n;
            }
        } catch (IOException | RuntimeException ignored) {
            // the client is gone, or keeps silent: either way the connection ends now
        } finally {
            close();
        }
    }

    /** Closes the socket, whoever holds the connection (a thread, the idle connections, or the server stopping). */
    void close() {
        server.forget(this);
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing: nothing left to do with it
        }
    }
}

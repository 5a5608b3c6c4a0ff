// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * An HTTP/1.1 server with the JDK server's API ({@link HttpServer}, {@link com.sun.net.httpserver.HttpExchange}),
 * built for a proxy on loopback: a connection is served on one thread, in blocking mode, for as long as its requests
 * keep coming, so an answer costs a read and a write and no hand-off between threads. The JDK server instead moves
 * every request between its selector, its dispatcher and the executor's thread, which takes more CPU than replay4j's
 * whole pipeline. Connections that go quiet wait on one selector ({@link IdleConnections}) with no thread; threads
 * are bounded ({@link ServerThreads}), and every wait on a client has a time limit.
 *
 * <p>One context, at {@code /}; no HTTPS, no authenticator, no filters: what replay4j uses, and nothing else.
 */
public final class SocketHttpServer extends HttpServer {
    private final ServerSocketChannel listener;
    private final Settings settings;
    private final Timeouts timeouts;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private ServerThreads threads;
    private IdleConnections idle;
    private Thread acceptor;
    private Context context;
    private volatile boolean stopping;

    /** What the server may spend: threads, and how long it waits on a client. */
    public static final class Settings {
        /** The JDK server's default for {@code sun.net.httpserver.idleInterval}. */
        public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

        final int maxThreads;
        final Duration clientTimeout;
        final int maxIdleConnections;
        final Duration idleTimeout;
        final String name;
        final Logger log;

        /**
         * @param name the server's threads are named by it: {@code name-1}, {@code name-2}, ... serve connections;
         *             {@code name acceptor} and {@code name idle connections} are the two others
         * @param log where a client cut for its silence is said (warn) and a handler's failure (error)
         */
        public Settings(int maxThreads, Duration clientTimeout, int maxIdleConnections, String name, Logger log) {
            this(maxThreads, clientTimeout, maxIdleConnections, DEFAULT_IDLE_TIMEOUT, name, log);
        }

        /** @param idleTimeout a keep-alive connection whose client keeps silent for so long is closed */
        public Settings(int maxThreads, Duration clientTimeout, int maxIdleConnections, Duration idleTimeout, String name, Logger log) {
            if (maxThreads < 1) {
                throw new IllegalArgumentException("at least one thread, not " + maxThreads);
            }
            this.maxThreads = maxThreads;
            this.clientTimeout = Objects.requireNonNull(clientTimeout, "clientTimeout");
            this.maxIdleConnections = maxIdleConnections;
            this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
            this.name = Objects.requireNonNull(name, "name");
            this.log = Objects.requireNonNull(log, "log");
        }
    }

    private SocketHttpServer(ServerSocketChannel listener, Settings settings) {
        this.listener = listener;
        this.settings = settings;
        this.timeouts = new Timeouts(settings.clientTimeout, settings.log);
    }

    /** Binds now (a port in use fails here); {@link #start()} serves. */
    public static SocketHttpServer create(InetSocketAddress address, int backlog, Settings settings) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(address, backlog);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        return new SocketHttpServer(listener, settings);
    }

    @Override
    public void bind(InetSocketAddress addr, int backlog) {
        throw new UnsupportedOperationException("bound by create()");
    }

    @Override
    public synchronized void start() {
        if (acceptor != null) {
            throw new IllegalStateException("started already");
        }
        if (context == null) {
            throw new IllegalStateException("no handler: call createContext(\"/\", handler) first");
        }
        threads = new ServerThreads(settings.maxThreads, settings.name + "-");
        try {
            idle = new IdleConnections(threads, settings.idleTimeout.toNanos(), settings.maxIdleConnections, settings.name + " idle connections", settings.log);
        } catch (IOException e) {
            throw new IllegalStateException("could not open a selector: " + e.getMessage(), e);
        }
        // Not a daemon, as the JDK server's dispatcher is not: a started server keeps its JVM alive until stopped.
        acceptor = new Thread(this::accept, settings.name + " acceptor");
        acceptor.start();
    }

    private void accept() {
        while (!stopping) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // Out of file descriptors, most likely: wait a little rather than spin.
                settings.log.warn("replay4j: could not accept a connection: {}", e.toString());
                sleep(50);
                continue;
            }
            Connection c = null;
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c = new Connection(this, channel);
                open.add(c);
                if (stopping) {
                    c.close();
                    return;
                }
                threads.execute(c);
            } catch (IOException | RuntimeException | Error e) {
                // This connection is lost (out of threads or memory, most likely); the acceptor must live on.
                if (!(e instanceof IOException) && !(e instanceof RejectedExecutionException)) {
                    settings.log.error("replay4j: could not serve a new connection: {}", e.toString());
                    sleep(50);
                }
                if (c != null) {
                    c.close();
                } else {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // never served
                    }
                }
            }
        }
    }

    /** A pause after an error that may last (out of threads, memory or descriptors), so that a loop cannot spin. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Timeouts timeouts() {
        return timeouts;
    }

    Logger log() {
        return settings.log;
    }

    HttpHandler handler() {
        return context.getHandler();
    }

    HttpContext context() {
        return context;
    }

    boolean stopping() {
        return stopping;
    }

    boolean threadsWanted() {
        return threads.wanted();
    }

    /** Connections open now, served or idle. */
    int openConnections() {
        return open.size();
    }

    boolean park(Connection c) {
        return !stopping && idle.park(c);
    }

    void forget(Connection c) {
        open.remove(c);
    }

    /** Closes the port and every connection at once, and then waits up to {@code delay} seconds for the threads to end. */
    @Override
    public void stop(int delay) {
        stopping = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // stopping
        }
        if (idle != null) {
            idle.close();
        }
        for (Connection c : open) {
            c.close();
        }
        if (threads != null) {
            threads.shutdownNow();
            try {
                threads.awaitTermination(Math.max(delay, 1), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void setExecutor(Executor executor) {
        throw new UnsupportedOperationException("this server runs its own threads");
    }

    @Override
    public Executor getExecutor() {
        return threads;
    }

    @Override
    public synchronized HttpContext createContext(String path, HttpHandler handler) {
        if (!"/".equals(path)) {
            throw new IllegalArgumentException("one context, at /");
        }
        if (context != null) {
            throw new IllegalArgumentException("a context exists at /");
        }
        context = new Context(this, Objects.requireNonNull(handler, "handler"));
        return context;
    }

    @Override
    public HttpContext createContext(String path) {
        throw new UnsupportedOperationException("give the handler: createContext(\"/\", handler)");
    }

    @Override
    public void removeContext(String path) {
        throw new UnsupportedOperationException("the context stays as long as the server");
    }

    @Override
    public void removeContext(HttpContext context) {
        throw new UnsupportedOperationException("the context stays as long as the server");
    }

    @Override
    public InetSocketAddress getAddress() {
        try {
            return (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the server's port is closed", e);
        }
    }

    private static final class Context extends HttpContext {
        private final HttpServer server;
        private final HttpHandler handler;
        private final Map<String, Object> attributes = new HashMap<>();
        private final List<Filter> filters = new ArrayList<>();

        Context(HttpServer server, HttpHandler handler) {
            this.server = server;
            this.handler = handler;
        }

        @Override
        public HttpHandler getHandler() {
            return handler;
        }

        @Override
        public void setHandler(HttpHandler h) {
            throw new UnsupportedOperationException("the handler is given to createContext");
        }

        @Override
        public String getPath() {
            return "/";
        }

        @Override
        public HttpServer getServer() {
            return server;
        }

        @Override
        public Map<String, Object> getAttributes() {
            return attributes;
        }

        @Override
        public List<Filter> getFilters() {
            return filters;
        }

        @Override
        public Authenticator setAuthenticator(Authenticator auth) {
            throw new UnsupportedOperationException("no authenticator");
        }

        @Override
        public Authenticator getAuthenticator() {
            return null;
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import dev.replay4j.internal.http.SocketHttpServer;
import dev.replay4j.internal.store.RecordingStore;
import dev.replay4j.internal.usage.UsageReport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.text.Normalizer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's engine: the HTTP server ({@link SocketHttpServer}), the client to the upstream, and the request pipeline
 * ({@link ProxyHandler}) they serve. {@link dev.replay4j.ReplayProxy} is its public face; in-process
 * integrations (the JUnit extension) use it directly, to share a usage report or attribute requests.
 */
public final class ProxyServer implements AutoCloseable {
    /** The path prefix that carries a test id: {@code /_replay4j/test/<percent-encoded id>/...}. */
    public static final String TEST_PREFIX = "/_replay4j/test/";
    /**
     * The path prefix that carries a test id as base64url of its UTF-8 bytes, without padding:
     * {@code /_replay4j/id/<id>/...}, for clients that encode their base URL again (and so the {@code %} of the other).
     */
    public static final String ID_PREFIX = "/_replay4j/id/";
    /**
     * The upstream base URL of a request whose API family has none configured: in-process integrations send the
     * base URL the application itself was given. Never forwarded nor recorded.
     */
    public static final String UPSTREAM_HEADER = "X-Replay4j-Upstream";
    /** The header that carries a test id (percent-encoded UTF-8; empty means none). */
    public static final String TEST_ID_HEADER = "X-Replay4j-Test-Id";

    /** Idle keep-alive connections kept open (each costs a socket and no thread); one idle for 30 s is closed. */
    static final int MAX_IDLE_CONNECTIONS = 10_000;

    private final ProxyConfig config;
    private final RecordingStore store;
    private final Misses misses = new Misses();
    private final Sequences sequences = new Sequences();
    private final UsageReport usage;
    private final Faults faults;
    private final SeenRequests seen = new SeenRequests();
    private final Object clientLock = new Object();
    private SocketHttpServer server;
    /** Made once at the start: the JUnit extension asks for it several times per test. */
    private URI url;
    private ExecutorService upstreamExecutor;
    private HttpClient client;
    private ProxyHandler handler;
    private boolean closed;

    /** A proxy with a usage report of its own. */
    public ProxyServer(ProxyConfig config) {
        this(config, new UsageReport(config.recordings(), config.mode().cliName()));
    }

    /**
     * @param usage where this proxy counts what it serves, records and misses: shared by several proxies on the
     *              same recordings (one per configuration, in a test run) that write one report between them
     */
    public ProxyServer(ProxyConfig config, UsageReport usage) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = new RecordingStore(config.recordings(), config.layout());
        this.usage = Objects.requireNonNull(usage, "usage");
        this.faults = new Faults(config.faults());
    }

    /** Binds and starts serving; calling it again does nothing. */
    public synchronized ProxyServer start() throws IOException {
        if (closed) {
            throw new IllegalStateException("this proxy was closed; build a new one");
        }
        if (server != null) {
            return this;
        }
        Prewarm.startOnce();
        // Bind first: a port in use fails here, before anything that would need cleaning up exists.
        SocketHttpServer s = SocketHttpServer.create(new InetSocketAddress(InetAddress.getByName(config.bind()), config.port()), 256,
                new SocketHttpServer.Settings(config.maxThreads(), config.clientTimeout(), MAX_IDLE_CONNECTIONS, "replay4j-proxy",
                        LoggerFactory.getLogger(ProxyServer.class)));
        // The upstream client's threads are its own: sharing the bounded pool, exchanges waiting on the upstream
        // could take every thread the client needs to deliver their answers. They are as many as the calls in
        // flight, which the handler threads bound.
        AtomicInteger upstreamThreads = new AtomicInteger();
        upstreamExecutor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "replay4j-upstream-" + upstreamThreads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        LiveView live = new LiveView(seen, config.mode().cliName());
        live.bound(s.getAddress());
        handler = new ProxyHandler(config, store, this::client, misses, usage, faults, sequences, seen, live);
        s.createContext("/", handler);
        s.start();
        String host = s.getAddress().getAddress().getHostAddress();
        url = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + s.getAddress().getPort());
        server = s;
        return this;
    }

    /** The proxy's root URL, such as {@code http://127.0.0.1:41234}. */
    public URI url() {
        requireStarted();
        return url;
    }

    public int port() {
        return requireStarted().getAddress().getPort();
    }

    /** The root URL for one test: the proxy's URL and the test-id prefix. */
    public String baseUrl(String testId) {
        return url() + TEST_PREFIX + PercentCoding.encode(Objects.requireNonNull(testId, "testId"));
    }

    /** The root URL for one test in the {@link #ID_PREFIX} form, which survives clients that re-encode paths. */
    public String idBaseUrl(String testId) {
        return url() + ID_PREFIX + IdCoding.encode(Objects.requireNonNull(testId, "testId"));
    }

    /** The explanations of one test's replay misses since the last call, oldest first; the list is emptied. */
    public List<String> takeMisses(String testId) {
        return misses.take(testId == null ? null : Normalizer.normalize(testId, Normalizer.Form.NFC));
    }

    /**
     * Gives one test's requests a fault, after those set for it before, until {@link #clearTestFaults}; its
     * {@code times} and {@code rate} count that test's requests only.
     */
    public void addTestFault(String testId, Fault fault) {
        faults.addForTest(Objects.requireNonNull(testId, "testId"), Objects.requireNonNull(fault, "fault"));
    }

    /**
     * Starts the count of identical requests of a test again (the JUnit extension calls it when a test starts and ends):
     * its first request is the first answer of its sequence again. {@code null}: of requests without a test id.
     */
    public void resetSequences(String testId) {
        sequences.reset(testId == null ? null : store.normalizedTestId(testId));
    }

    /** Drops the faults set for one test. */
    public void clearTestFaults(String testId) {
        faults.clearForTest(Objects.requireNonNull(testId, "testId"));
    }

    /** The requests this proxy saw: its live view ({@code GET /_replay4j/}) shows them, a run report listens. */
    public SeenRequests seenRequests() {
        return seen;
    }

    public ProxyConfig config() {
        return config;
    }

    public RecordingStore store() {
        return store;
    }

    public UsageReport usage() {
        return usage;
    }

    /** Stops accepting requests, lets the ones in flight finish (their recordings land), and frees the port. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            // Refuse new work, let the exchanges in flight finish (their recordings land), then stop: stop() drops
            // every connection at once, so the wait for the exchanges is the handler's.
            handler.shutdown();
            handler.awaitInFlight(config.shutdownGrace());
            server.stop(1);
            upstreamExecutor.shutdownNow();
            writeUsageReport();
        }
    }

    private void writeUsageReport() {
        if (config.usageReport() == null) {
            return;
        }
        try {
            usage.writeTo(config.usageReport());
        } catch (IOException e) {
            LoggerFactory.getLogger(ProxyServer.class).error("replay4j: could not write the usage report {}: {}",
                    config.usageReport(), e.toString());
        }
    }

    /**
     * The client to the upstream, made on first use: replay never calls the upstream, and making a client
     * initialises TLS (the default SSLContext and its trust store), a good part of the time to the first answer.
     */
    private HttpClient client() {
        synchronized (clientLock) {
            if (client == null) {
                client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(config.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .executor(upstreamExecutor)
                        .build();
            }
            return client;
        }
    }

    private SocketHttpServer requireStarted() {
        if (server == null) {
            throw new IllegalStateException(closed ? "this proxy was closed" : "call start() first");
        }
        return server;
    }

    @Override
    public String toString() {
        String where = server == null ? (closed ? "closed" : "not started") : url().toString();
        return "ReplayProxy[" + where + ", mode " + config.mode() + ", " + store.root() + " (" + config.layout()
                + " layout), upstream " + config.upstreams() + "]";
    }
}

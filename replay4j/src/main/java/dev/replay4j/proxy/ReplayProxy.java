package dev.replay4j.proxy;

import com.sun.net.httpserver.HttpServer;
import dev.replay4j.store.Layout;
import dev.replay4j.store.RecordingStore;
import dev.replay4j.usage.UsageReport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The record/replay proxy: an HTTP server on loopback that any client points its base URL at. It serves
 * recordings, records new ones, or passes through, depending on its {@link Mode}.
 *
 * <pre>{@code
 * try (ReplayProxy proxy = ReplayProxy.builder().recordings(Path.of("src/test/resources/replay4j")).build().start()) {
 *     String baseUrl = proxy.baseUrl("com.acme.ChatTest::answers") + "/v1";
 *     // hand baseUrl to the client under test
 * }
 * }</pre>
 *
 * Defaults that cannot hurt: mode {@code replay} (never the network), bind {@code 127.0.0.1}, a free port.
 */
public final class ReplayProxy implements AutoCloseable {
    /** The path prefix that carries a test id: {@code /_replay4j/test/<percent-encoded id>/...}. */
    public static final String TEST_PREFIX = "/_replay4j/test/";
    /** The header that carries a test id (percent-encoded UTF-8; empty means none). */
    public static final String TEST_ID_HEADER = "X-Replay4j-Test-Id";

    static {
        // Without TCP_NODELAY a loopback round trip costs 40 ms (Nagle and delayed ACK), not 0.4.
        // The JDK server reads this once, when its first server is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Settings settings;
    private final RecordingStore store;
    private volatile Supplier<String> currentTestId = () -> null;
    private final Misses misses = new Misses();
    private final UsageReport usage;
    private HttpServer server;
    private ExecutorService executor;
    private final Object clientLock = new Object();
    private HttpClient client;
    private ProxyHandler handler;
    private boolean closed;

    private ReplayProxy(Settings settings) {
        this.settings = settings;
        this.store = new RecordingStore(settings.recordings, settings.layout);
        this.usage = settings.sharedUsage != null ? settings.sharedUsage : new UsageReport(settings.recordings, settings.mode.cliName());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds and starts serving; calling it again does nothing. */
    public synchronized ReplayProxy start() throws IOException {
        if (closed) {
            throw new IllegalStateException("this proxy was closed; build a new one");
        }
        if (server != null) {
            return this;
        }
        // Bind first: a port in use fails here, before anything that would need cleaning up exists.
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName(settings.bind), settings.port), 256);
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "replay4j-proxy-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        handler = new ProxyHandler(settings, store, this::client, () -> currentTestId.get(), misses, usage);
        s.createContext("/", handler);
        s.setExecutor(executor);
        s.start();
        server = s;
        return this;
    }

    /** The proxy's root URL, such as {@code http://127.0.0.1:41234}. */
    public URI url() {
        HttpServer s = requireStarted();
        String host = s.getAddress().getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + s.getAddress().getPort());
    }

    public int port() {
        return requireStarted().getAddress().getPort();
    }

    /**
     * The root URL for one test: requests through it carry the test id in the path, so a client needs
     * no header. Append the API's own base path ({@code /v1} for OpenAI clients).
     */
    public String baseUrl(String testId) {
        return url() + TEST_PREFIX + PercentCoding.encode(Objects.requireNonNull(testId, "testId"));
    }

    /**
     * The test that requests without any test id of their own belong to (the in-process registration
     * that the JUnit extension uses); {@code null} for none.
     */
    public void setCurrentTestId(String testId) {
        this.currentTestId = () -> testId;
    }

    /**
     * The explanations of the replay misses of one test ({@code null}: requests without a test id) since
     * the last call, oldest first; the list is emptied. A test framework fails the test with them.
     */
    public List<String> takeMisses(String testId) {
        return misses.take(testId);
    }

    /** What this proxy has served, recorded and missed so far. */
    public UsageReport usage() {
        return usage;
    }

    /** The upstreams, as they may be shown: without user info or credential query values. */
    public String upstreams() {
        return settings.upstreams.toString();
    }

    public Mode mode() {
        return settings.mode;
    }

    public RecordingStore store() {
        return store;
    }

    /** Stops accepting requests, lets the ones in flight finish (their recordings land), and frees the port. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            // Refuse new work, let the exchanges in flight finish (their recordings land), then stop.
            // Not stop(delay): it drops open connections, and on JDK 17 it may wait out the delay when idle.
            handler.shutdown();
            handler.awaitInFlight(settings.shutdownGrace);
            server.stop(0);
            executor.shutdownNow();
            writeUsageReport();
            try {
                executor.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeUsageReport() {
        if (settings.usageReport == null) {
            return;
        }
        try {
            usage.writeTo(settings.usageReport);
        } catch (IOException e) {
            LoggerFactory.getLogger(ReplayProxy.class).error("replay4j: could not write the usage report {}: {}",
                    settings.usageReport, e.toString());
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
                        .connectTimeout(settings.connectTimeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .executor(executor)
                        .build();
            }
            return client;
        }
    }

    private HttpServer requireStarted() {
        if (server == null) {
            throw new IllegalStateException(closed ? "this proxy was closed" : "call start() first");
        }
        return server;
    }

    @Override
    public String toString() {
        String where = server == null ? (closed ? "closed" : "not started") : url().toString();
        return "ReplayProxy[" + where + ", mode " + settings.mode + ", " + store.root() + " (" + settings.layout
                + " layout), upstream " + settings.upstreams + "]";
    }

    /** Everything the proxy is built with; immutable once built. */
    static final class Settings {
        Path recordings;
        Layout layout = Layout.JAVA;
        Mode mode = Mode.REPLAY;
        final Upstreams upstreams = new Upstreams();
        final Secrets secrets = new Secrets();
        String bind = "127.0.0.1";
        int port;
        long maxBodyBytes = 32L * 1024 * 1024;
        Duration connectTimeout = Duration.ofSeconds(10);
        Duration requestTimeout = Duration.ofMinutes(10);
        Duration shutdownGrace = Duration.ofSeconds(30);
        Path usageReport;
        UsageReport sharedUsage;

        Settings copy() {
            Settings c = new Settings();
            c.recordings = recordings;
            c.layout = layout;
            c.mode = mode;
            c.upstreams.addAll(upstreams);
            c.secrets.addAll(secrets);
            c.bind = bind;
            c.port = port;
            c.maxBodyBytes = maxBodyBytes;
            c.connectTimeout = connectTimeout;
            c.requestTimeout = requestTimeout;
            c.shutdownGrace = shutdownGrace;
            c.usageReport = usageReport;
            c.sharedUsage = sharedUsage;
            return c;
        }
    }

    /** Builds a {@link ReplayProxy}; only {@link #recordings} is required. */
    public static final class Builder {
        private final Settings s = new Settings();

        private Builder() {
        }

        /** The recordings root folder. Required. */
        public Builder recordings(Path dir) {
            s.recordings = Objects.requireNonNull(dir, "dir");
            return this;
        }

        public Builder layout(Layout layout) {
            s.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        public Builder mode(Mode mode) {
            s.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** {@code URL} for every API, or {@code FAMILY=URL} ({@code openai}, {@code ollama}, {@code anthropic}). Repeatable. */
        public Builder upstream(String spec) {
            s.upstreams.add(spec);
            return this;
        }

        public Builder upstream(ApiFamily family, String url) {
            s.upstreams.add(family, url);
            return this;
        }

        /** A header never written to a recording, beyond the built-in credentials. */
        public Builder redactHeader(String name) {
            s.secrets.redactHeader(name);
            return this;
        }

        /** A body field (by name, at any depth) replaced by {@code "<redacted>"} before the key is computed. */
        public Builder redactField(String name) {
            s.secrets.redactField(name);
            return this;
        }

        /** The address to listen on; {@code 127.0.0.1} unless asked. */
        public Builder bind(String address) {
            s.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The port; 0 (the default) takes a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, not " + port);
            }
            s.port = port;
            return this;
        }

        /** Request bodies above this get 413; 32 MiB by default. */
        public Builder maxBodyBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxBodyBytes must be positive, not " + bytes);
            }
            s.maxBodyBytes = bytes;
            return this;
        }

        /** Where {@link #close()} writes the usage report (what was served, recorded and missed); none by default. */
        public Builder usageReport(Path file) {
            s.usageReport = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Keeps the usage in {@code report} rather than in a report of its own, so that several proxies on the
         * same recordings (one per configuration, in a test run) write one report with all of their usage.
         */
        public Builder usageReport(Path file, UsageReport report) {
            s.usageReport = Objects.requireNonNull(file, "file");
            s.sharedUsage = Objects.requireNonNull(report, "report");
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            s.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public ReplayProxy build() {
            if (s.recordings == null) {
                throw new IllegalStateException("recordings(dir) is required: the folder that holds the recordings");
            }
            if (s.mode.needsUpstream() && s.upstreams.isEmpty()) {
                throw new IllegalStateException("mode " + s.mode + " calls the upstream, but none is configured:"
                        + " give upstream(URL) (serve --upstream URL)");
            }
            // A copy: changing this builder afterwards must not change the proxy it built.
            return new ReplayProxy(s.copy());
        }
    }
}

package dev.replay4j.internal.proxy;

import dev.replay4j.ApiFamily;
import dev.replay4j.Layout;
import dev.replay4j.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a proxy is built from; immutable. Two equal configurations make proxies that behave alike, which
 * is how the JUnit extension shares one proxy between test classes.
 *
 * @param usageReport where closing writes the usage report, or {@code null} for none
 * @param attribution whose requests without a test id of their own are
 */
public record ProxyConfig(Path recordings, Layout layout, Mode mode, Upstreams upstreams, Secrets secrets, String bind,
                          int port, long maxBodyBytes, Duration connectTimeout, Duration upstreamTimeout,
                          Duration shutdownGrace, Path usageReport, TestAttribution attribution, Duration clientTimeout,
                          int maxThreads, long bodyMemory) {
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
    /**
     * The longest the upstream may keep silent, before its headers or between two of its bytes: long enough for
     * a reasoning model that thinks for minutes before its first token while recording.
     */
    public static final Duration DEFAULT_UPSTREAM_TIMEOUT = Duration.ofMinutes(10);
    /**
     * The longest a client may take to send its request headers (from the moment a thread starts reading them),
     * and the longest it may keep silent in the middle of its body. Answers have no such limit.
     */
    public static final Duration DEFAULT_CLIENT_TIMEOUT = Duration.ofSeconds(30);
    /** The most threads serving exchanges at once; more exchanges wait for one. */
    public static final int DEFAULT_MAX_THREADS = 200;
    /** {@link #bodyMemory()}: a share of the JVM's heap (see {@code MemoryBudget.defaultTotal}). */
    public static final long HEAP_SHARE = 0;

    public ProxyConfig {
        Objects.requireNonNull(recordings, "recordings");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(upstreams, "upstreams");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(upstreamTimeout, "upstreamTimeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(attribution, "attribution");
        Objects.requireNonNull(clientTimeout, "clientTimeout");
        if (clientTimeout.isNegative() || clientTimeout.isZero()) {
            throw new IllegalArgumentException("the client timeout must be positive, not " + clientTimeout);
        }
        if (maxThreads < 1) {
            throw new IllegalArgumentException("the proxy needs at least one thread, not " + maxThreads);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ProxyConfig}; only the recordings folder is required. Each setter checks its value. */
    public static final class Builder {
        private Path recordings;
        private Layout layout = Layout.JAVA;
        private Mode mode = Mode.REPLAY;
        private Upstreams upstreams = Upstreams.NONE;
        private Secrets secrets = Secrets.BUILT_IN;
        private String bind = "127.0.0.1";
        private int port;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration upstreamTimeout = DEFAULT_UPSTREAM_TIMEOUT;
        private Duration shutdownGrace = Duration.ofSeconds(30);
        private Path usageReport;
        private TestAttribution attribution = TestAttribution.NONE;
        private Duration clientTimeout = DEFAULT_CLIENT_TIMEOUT;
        private int maxThreads = DEFAULT_MAX_THREADS;
        private long bodyMemory = HEAP_SHARE;

        private Builder() {
        }

        public Builder recordings(Path dir) {
            recordings = Objects.requireNonNull(dir, "dir");
            return this;
        }

        public Builder layout(Layout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** @throws IllegalArgumentException naming what is wrong with the spec */
        public Builder upstream(String spec) {
            upstreams = upstreams.with(Objects.requireNonNull(spec, "spec"));
            return this;
        }

        public Builder upstream(ApiFamily family, String url) {
            upstreams = upstreams.with(Objects.requireNonNull(family, "family"), Objects.requireNonNull(url, "url"));
            return this;
        }

        public Builder redactHeader(String name) {
            secrets = secrets.withHeader(Objects.requireNonNull(name, "name"));
            return this;
        }

        public Builder redactField(String name) {
            secrets = secrets.withField(Objects.requireNonNull(name, "name"));
            return this;
        }

        public Builder bind(String address) {
            bind = Objects.requireNonNull(address, "address");
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("the port must be 0..65535, not " + port);
            }
            this.port = port;
            return this;
        }

        public Builder maxBodyBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("the largest request body must be a positive number of bytes, not " + bytes);
            }
            maxBodyBytes = bytes;
            return this;
        }

        public Builder upstreamTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the upstream timeout must be positive, not " + timeout.toSeconds() + " s");
            }
            upstreamTimeout = timeout;
            return this;
        }

        /** See {@link #DEFAULT_CLIENT_TIMEOUT}; shorter in tests. */
        public Builder clientTimeout(Duration timeout) {
            clientTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** See {@link #DEFAULT_MAX_THREADS}. */
        public Builder maxThreads(int threads) {
            maxThreads = threads;
            return this;
        }

        /** The heap large bodies in flight may take, in bytes; {@link #HEAP_SHARE} (the default) for a share of the heap. */
        public Builder bodyMemory(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("the memory for bodies must be 0 (a share of the heap) or more, not " + bytes);
            }
            bodyMemory = bytes;
            return this;
        }

        public Builder usageReport(Path file) {
            usageReport = Objects.requireNonNull(file, "file");
            return this;
        }

        public Builder attribution(TestAttribution attribution) {
            this.attribution = Objects.requireNonNull(attribution, "attribution");
            return this;
        }

        /** @throws IllegalStateException when the recordings folder is missing, or a mode that calls the upstream has none */
        public ProxyConfig build() {
            if (recordings == null) {
                throw new IllegalStateException("no recordings folder given: the folder that holds the recordings is required");
            }
            if (mode.needsUpstream() && upstreams.isEmpty()) {
                throw new IllegalStateException("mode " + mode + " calls the upstream, but none is configured:"
                        + " give the API's base URL, such as https://api.openai.com");
            }
            return new ProxyConfig(recordings, layout, mode, upstreams, secrets, bind, port, maxBodyBytes, connectTimeout,
                    upstreamTimeout, shutdownGrace, usageReport, attribution, clientTimeout, maxThreads, bodyMemory);
        }
    }
}

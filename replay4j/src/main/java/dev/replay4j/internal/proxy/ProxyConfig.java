// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import dev.replay4j.ApiFamily;
import dev.replay4j.Layout;
import dev.replay4j.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Everything a proxy is built from; immutable. Two equal configurations make proxies that behave alike, which
 * is how the JUnit extension shares one proxy between test classes.
 *
 * @param usageReport where closing writes the usage report, or {@code null} for none
 * @param attribution whose requests without a test id of their own are
 * @param faults      the faults of every request they match, in order ({@code serve --fault})
 * @param recordTiming whether recordings hold the time to the first byte and each event's offset
 * @param replaySpeed  0: replay at once; 1 the recorded pace, 2 twice as fast, 0.5 half
 * @param streamProfile the pace of recordings without timings, or {@code null}
 */
public record ProxyConfig(Path recordings, Layout layout, Mode mode, Upstreams upstreams, Secrets secrets, String bind,
                          int port, long maxBodyBytes, Duration connectTimeout, Duration upstreamTimeout,
                          Duration shutdownGrace, Path usageReport, TestAttribution attribution, List<Fault> faults,
                          boolean recordTiming, double replaySpeed, StreamProfile streamProfile,
                          Duration clientTimeout, int maxThreads, long bodyMemory) {
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
    /**
     * The longest the upstream may keep silent, before its headers or between two of its bytes: long enough for
     * a reasoning model that thinks for minutes before its first token while recording.
     */
    public static final Duration DEFAULT_UPSTREAM_TIMEOUT = Duration.ofMinutes(10);
    /** A day: longer is no timeout, and would overflow the clocks that count it. */
    public static final Duration MAX_UPSTREAM_TIMEOUT = Duration.ofDays(1);
    /**
     * The longest a client may take to send its request headers (from the moment a thread starts reading them),
     * and the longest it may keep silent in the middle of its body. Answers have no such limit.
     */
    public static final Duration DEFAULT_CLIENT_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The most threads serving exchanges at once; more exchanges wait for one. A connection holds its thread while
     * its requests keep coming, and one beyond the bound goes through the idle connections' selector after every
     * answer, which costs a request 8 to 30% more CPU (at 256 connections, {@code bench/serve-cost.sh}: 82 to 102 µs a
     * request with a bound of 200, 69 to 92 with 512). Threads start only when connections need them; each costs about
     * 105 KiB of committed stack under load ({@code NMT=1 bash bench/serve-cost.sh}).
     */
    public static final int DEFAULT_MAX_THREADS = 512;
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
        faults = List.copyOf(faults);
        if (!(replaySpeed >= 0) || Double.isInfinite(replaySpeed)) {
            throw new IllegalArgumentException("the replay speed must be 0 (instant) or more, not " + replaySpeed);
        }
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

    /**
     * Every component, in order: what {@link #equals} and {@link #hashCode} compare. They are written out because a
     * record's own are bootstrapped through method handles the first time they run, which a test JVM pays before its
     * first answer (the JUnit extension shares one proxy between the classes of one configuration, found by it).
     */
    List<Object> components() {
        return Arrays.asList(recordings, layout, mode, upstreams, secrets, bind, port, maxBodyBytes, connectTimeout,
                upstreamTimeout, shutdownGrace, usageReport, attribution, faults, recordTiming, replaySpeed, streamProfile,
                clientTimeout, maxThreads, bodyMemory);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof ProxyConfig && components().equals(((ProxyConfig) o).components());
    }

    @Override
    public int hashCode() {
        return components().hashCode();
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
        private boolean upstreamsFromRequests;
        private final List<Fault> faults = new ArrayList<>();
        private boolean recordTiming;
        private double replaySpeed;
        private StreamProfile streamProfile;
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
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_UPSTREAM_TIMEOUT) > 0) {
                throw new IllegalArgumentException("the upstream timeout must be 1 to " + MAX_UPSTREAM_TIMEOUT.toSeconds()
                        + " seconds, not " + timeout.toSeconds());
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

        /**
         * A fault for every request it matches, after those given before (the first that takes a request wins).
         *
         * @throws IllegalArgumentException naming the item of the spec that is wrong
         */
        public Builder fault(String spec) {
            faults.add(Fault.parse(Objects.requireNonNull(spec, "spec")));
            return this;
        }

        /** Whether recordings hold their timing: the time to the first byte, and each stream event's offset. */
        public Builder recordTiming(boolean on) {
            recordTiming = on;
            return this;
        }

        /** 0 (the default) replays at once; 1 at the recorded pace, 2 twice as fast, 0.5 half. */
        public Builder replaySpeed(double factor) {
            if (!(factor >= 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("the replay speed is a factor of 0 (instant) or more, such as 1 (the recorded"
                        + " pace) or 0.5 (half), not " + factor);
            }
            replaySpeed = factor;
            return this;
        }

        /** {@code ttft=MS,rate=N}: the pace of recordings that hold no timing. */
        public Builder streamProfile(String spec) {
            streamProfile = StreamProfile.parse(Objects.requireNonNull(spec, "spec"));
            return this;
        }

        /**
         * No upstream configured is no error in a mode that calls it: the clients name theirs in
         * {@link ProxyServer#UPSTREAM_HEADER} (an in-process integration that knows the application's base URLs).
         */
        public Builder upstreamsFromRequests() {
            upstreamsFromRequests = true;
            return this;
        }

        /** @throws IllegalStateException when the recordings folder is missing, or a mode that calls the upstream has none */
        public ProxyConfig build() {
            if (recordings == null) {
                throw new IllegalStateException("no recordings folder given: the folder that holds the recordings is required");
            }
            if (mode.needsUpstream() && upstreams.isEmpty() && !upstreamsFromRequests) {
                throw new IllegalStateException("mode " + mode + " calls the upstream, but none is configured:"
                        + " give the API's base URL, such as https://api.openai.com");
            }
            return new ProxyConfig(recordings, layout, mode, upstreams, secrets, bind, port, maxBodyBytes, connectTimeout,
                    upstreamTimeout, shutdownGrace, usageReport, attribution, faults,
                    recordTiming, replaySpeed, streamProfile, clientTimeout, maxThreads, bodyMemory);
        }
    }
}

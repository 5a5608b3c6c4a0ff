// SPDX-License-Identifier: Apache-2.0
package dev.replay4j;

import dev.replay4j.internal.proxy.ProxyConfig;
import dev.replay4j.internal.proxy.ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

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
 * A client that cannot change its path may send the test id in the header {@value #TEST_ID_HEADER} instead.
 */
public final class ReplayProxy implements AutoCloseable {
    /** The path prefix that carries a test id: {@code /_replay4j/test/<percent-encoded id>/...}. */
    public static final String TEST_PREFIX = ProxyServer.TEST_PREFIX;
    /** The header that carries a test id (percent-encoded UTF-8; empty means none). */
    public static final String TEST_ID_HEADER = ProxyServer.TEST_ID_HEADER;

    private final ProxyServer server;

    private ReplayProxy(ProxyConfig config) {
        this.server = new ProxyServer(config);
    }

    /** A builder whose only required setting is {@link Builder#recordings}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds and starts serving; calling it again does nothing.
     *
     * @return this proxy, started
     * @throws IOException when the address cannot be bound (a port in use)
     * @throws IllegalStateException when this proxy was closed
     */
    public ReplayProxy start() throws IOException {
        server.start();
        return this;
    }

    /** The proxy's root URL, such as {@code http://127.0.0.1:41234}. */
    public URI url() {
        return server.url();
    }

    /** The port it listens on: the one asked for, or the free one it took. */
    public int port() {
        return server.port();
    }

    /**
     * The root URL for one test: requests through it carry the test id in the path, so a client needs
     * no header. Append the API's own base path ({@code /v1} for OpenAI clients).
     */
    public String baseUrl(String testId) {
        return server.baseUrl(testId);
    }

    /**
     * The explanations of the replay misses of one test ({@code null}: requests without a test id) since
     * the last call, oldest first; the list is emptied. A test framework fails the test with them.
     */
    public List<String> takeMisses(String testId) {
        return server.takeMisses(testId);
    }

    /** The upstreams, as they may be shown: without user info or credential query values. */
    public String upstreams() {
        return server.config().upstreams().toString();
    }

    /** What it does with a request, depending on whether a recording exists. */
    public Mode mode() {
        return server.config().mode();
    }

    /** How test ids map to folders under {@link #recordings()}. */
    public Layout layout() {
        return server.config().layout();
    }

    /** The recordings root, absolute. */
    public Path recordings() {
        return server.store().root();
    }

    /** Stops accepting requests, lets the ones in flight finish (their recordings land), and frees the port. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return server.toString();
    }

    /** Builds a {@link ReplayProxy}; only {@link #recordings} is required. */
    public static final class Builder {
        private final ProxyConfig.Builder config = ProxyConfig.builder();

        private Builder() {
        }

        /** The recordings root folder. Required. */
        public Builder recordings(Path dir) {
            config.recordings(dir);
            return this;
        }

        /** How test ids map to folders; {@link Layout#JAVA} unless asked. */
        public Builder layout(Layout layout) {
            config.layout(layout);
            return this;
        }

        /** {@link Mode#REPLAY} unless asked: never the network. */
        public Builder mode(Mode mode) {
            config.mode(mode);
            return this;
        }

        /** {@code URL} for every API, or {@code FAMILY=URL} ({@code openai}, {@code ollama}, {@code anthropic}). Repeatable. */
        public Builder upstream(String spec) {
            config.upstream(spec);
            return this;
        }

        /** The upstream of one API family. */
        public Builder upstream(ApiFamily family, String url) {
            config.upstream(family, url);
            return this;
        }

        /** A header never written to a recording, beyond the built-in credentials. */
        public Builder redactHeader(String name) {
            config.redactHeader(name);
            return this;
        }

        /** A body field (by name, at any depth) replaced by {@code "<redacted>"} before the key is computed. */
        public Builder redactField(String name) {
            config.redactField(name);
            return this;
        }

        /** The address to listen on; {@code 127.0.0.1} unless asked. */
        public Builder bind(String address) {
            config.bind(address);
            return this;
        }

        /** The port; 0 (the default) takes a free one. */
        public Builder port(int port) {
            config.port(port);
            return this;
        }

        /** Request bodies above this get 413; 32 MiB by default. */
        public Builder maxBodyBytes(long bytes) {
            config.maxBodyBytes(bytes);
            return this;
        }

        /** Where {@link #close()} writes the usage report (what was served, recorded and missed); none by default. */
        public Builder usageReport(Path file) {
            config.usageReport(file);
            return this;
        }

        /**
         * The longest the upstream may keep silent, before its headers or between two of its bytes (an idle time,
         * not a total); 10 minutes by default. Then the client gets a 504, or a closed connection once the answer
         * has started, and nothing is recorded.
         */
        public Builder upstreamTimeout(Duration timeout) {
            config.upstreamTimeout(Objects.requireNonNull(timeout, "timeout"));
            return this;
        }

        /**
         * A fault for every request it matches, in every mode: a comma-separated list of {@code key=value} items,
         * such as {@code status=429,retry-after=1,times=1}, {@code delay=5000}, {@code cut-after=3} or {@code reset},
         * with the filters {@code endpoint=PATH}, {@code times=N} and {@code rate=P,seed=S}. Repeatable: the first
         * fault that takes a request wins. A faulted exchange is never recorded. A single request can ask for one
         * with the {@code X-Replay4j-Fault} header.
         *
         * @throws IllegalArgumentException naming the item that is wrong
         */
        public Builder fault(String spec) {
            config.fault(spec);
            return this;
        }

        /**
         * Whether recordings hold their timing (off by default): the response's {@code first_byte_ms} and, for a
         * stream, {@code event_offsets_ms}, each from the request. Without it nothing is added to a file.
         */
        public Builder recordTiming(boolean on) {
            config.recordTiming(on);
            return this;
        }

        /**
         * The pace of replays: 0 (the default) at once, 1 at the recorded pace, 2 twice as fast, 0.5 half. Recordings
         * without timings are sent at once, unless a {@link #streamProfile} is given.
         *
         * @throws IllegalArgumentException for a negative or infinite factor
         */
        public Builder replaySpeed(double factor) {
            config.replaySpeed(factor);
            return this;
        }

        /**
         * {@code ttft=MS,rate=N}: the pace of recordings that hold no timing: the first event {@code ttft} ms after the
         * request, then {@code N} events a second (scaled by {@link #replaySpeed} when it is above 0). Recorded
         * timings win over it, when the speed is above 0.
         *
         * @throws IllegalArgumentException naming the item that is wrong
         */
        public Builder streamProfile(String spec) {
            config.streamProfile(spec);
            return this;
        }

        /**
         * A proxy of these settings, not started yet; changing this builder afterwards does not change it.
         *
         * @throws IllegalStateException when no recordings folder is given, or a mode that calls the upstream has none
         */
        public ReplayProxy build() {
            return new ReplayProxy(config.build());
        }
    }
}

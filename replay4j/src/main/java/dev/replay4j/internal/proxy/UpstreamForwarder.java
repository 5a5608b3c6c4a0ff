// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static dev.replay4j.internal.proxy.Responses.describe;
import static dev.replay4j.internal.proxy.Responses.send;
import static dev.replay4j.internal.proxy.Responses.sendError;

import com.sun.net.httpserver.HttpExchange;
import dev.replay4j.ApiFamily;
import dev.replay4j.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request to its upstream and the answer back to the client: a stream through the {@link StreamTee},
 * a whole answer once read. With {@code record}, the answer is written before the client gets it.
 */
final class UpstreamForwarder {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    /** Headers the JDK client sets itself or refuses, and hop-by-hop headers that must not be forwarded. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings", "accept-encoding",
            "x-replay4j-test-id", "x-replay4j-fault");
    private static final Set<String> NOT_RETURNED = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "content-encoding", ":status");

    private final Mode mode;
    private final Upstreams upstreams;
    private final Duration timeout;
    private final boolean recordTiming;
    private final Supplier<HttpClient> client;
    private final RecordingBuilder builder;
    private final RecordingWriter writer;
    private final StreamTee tee;

    UpstreamForwarder(ProxyConfig config, Supplier<HttpClient> client, RecordingBuilder builder, RecordingWriter writer) {
        this.mode = config.mode();
        this.upstreams = config.upstreams();
        this.timeout = config.upstreamTimeout();
        this.recordTiming = config.recordTiming();
        this.client = client;
        this.builder = builder;
        this.writer = writer;
        this.tee = new StreamTee(builder, writer);
    }

    void forward(HttpExchange ex, Call call, boolean record) throws IOException {
        String base = upstreams.forPath(call.path());
        if (base == null) {
            sendError(ex, call.family(), 502, "replay4j_no_upstream", "replay4j has no upstream for " + call.path()
                    + " (mode " + mode + "): give --upstream URL or --upstream " + familyHint(call.family()) + "=URL");
            return;
        }
        String url = base + (call.path().startsWith("/") ? call.path() : "/" + call.path())
                + (call.rawQuery() != null ? "?" + call.rawQuery() : "");
        String shown = Secrets.recordableUrl(url); // what logs and errors may say of it
        HttpResponse<InputStream> response;
        long started = Pace.started(ex);
        try {
            response = client.get().send(request(call, url), IdleTimeoutBody.handler(timeout));
        } catch (HttpConnectTimeoutException e) {
            LOG.warn("replay4j: upstream {} did not answer {}: could not connect; nothing recorded", shown, call);
            sendError(ex, call.family(), 502, "replay4j_upstream_unreachable", "replay4j could not reach the upstream " + shown
                    + " (mode " + mode + "): could not connect in time; nothing was recorded");
            return;
        } catch (HttpTimeoutException e) {
            LOG.warn("replay4j: upstream {} sent no answer to {} within {} s; nothing recorded", shown, call, timeout.toSeconds());
            sendError(ex, call.family(), 504, "replay4j_upstream_timeout", "the upstream " + shown + " sent no answer within "
                    + timeout.toSeconds() + " s (mode " + mode + ", serve --upstream-timeout SECONDS); nothing was recorded");
            return;
        } catch (IOException e) {
            LOG.warn("replay4j: upstream {} did not answer {}: {}; nothing recorded", shown, call, describe(e));
            sendError(ex, call.family(), 502, "replay4j_upstream_unreachable", "replay4j could not reach the upstream " + shown
                    + " (mode " + mode + "): " + describe(e) + "; nothing was recorded");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AbortConnection("interrupted while calling the upstream " + shown);
        }
        long firstByteMs = record && recordTiming ? (System.nanoTime() - started) / 1_000_000 : -1;
        int status = response.statusCode();
        String contentType = response.headers().firstValue("content-type").orElse(null);
        response.headers().map().forEach((name, values) -> {
            if (!NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> ex.getResponseHeaders().add(name, v));
            }
        });
        StreamFormat stream = status < 400 ? StreamFormat.ofContentType(contentType) : null;
        if (stream != null) {
            tee.pass(ex, call, url, status, stream, response.body(), record, started, firstByteMs);
            return;
        }
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readAllBytes();
        } catch (HttpTimeoutException e) {
            LOG.warn("replay4j: upstream {} stalled in its answer to {}: {}; nothing recorded", shown, call, e.getMessage());
            sendError(ex, call.family(), 504, "replay4j_upstream_timeout", "the upstream " + shown + " stalled in its answer: "
                    + e.getMessage() + " (serve --upstream-timeout SECONDS); nothing was recorded");
            return;
        } catch (IOException e) {
            LOG.warn("replay4j: upstream {} broke off its answer to {}: {}; nothing recorded", shown, call, describe(e));
            sendError(ex, call.family(), 502, "replay4j_upstream_broke_off", "the upstream " + shown + " broke off its answer: "
                    + describe(e) + "; nothing was recorded");
            return;
        }
        if (record && !writer.save(ex, call, builder.whole(call, url, status, bytes, firstByteMs))) {
            return;
        }
        send(ex, status, null, bytes);
    }

    private HttpRequest request(Call call, String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        call.headers().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        request.method(call.method(), call.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        return request.build();
    }

    private static String familyHint(ApiFamily family) {
        return family == ApiFamily.OTHER ? "openai" : family.cliName();
    }
}

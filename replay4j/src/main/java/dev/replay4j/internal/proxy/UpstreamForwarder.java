// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static dev.replay4j.internal.proxy.Responses.describe;
import static dev.replay4j.internal.proxy.Responses.send;
import static dev.replay4j.internal.proxy.Responses.sendError;

import com.sun.net.httpserver.HttpExchange;
import dev.replay4j.ApiFamily;
import dev.replay4j.Mode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
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
            "x-replay4j-test-id", "x-replay4j-fault", "x-replay4j-upstream");
    private static final Set<String> NOT_RETURNED = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "content-encoding", ":status");

    private final Mode mode;
    private final Upstreams upstreams;
    private final Duration timeout;
    private final boolean recordTiming;
    private final long maxBodyBytes;
    private final Supplier<HttpClient> client;
    private final RecordingBuilder builder;
    private final RecordingWriter writer;
    private final StreamTee tee;
    private final EventStreamTee frames;

    UpstreamForwarder(ProxyConfig config, Supplier<HttpClient> client, RecordingBuilder builder, RecordingWriter writer) {
        this.mode = config.mode();
        this.upstreams = config.upstreams();
        this.timeout = config.upstreamTimeout();
        this.recordTiming = config.recordTiming();
        this.maxBodyBytes = config.maxBodyBytes();
        this.client = client;
        this.builder = builder;
        this.writer = writer;
        this.tee = new StreamTee(builder, writer);
        this.frames = new EventStreamTee(builder, writer);
    }

    void forward(HttpExchange ex, Call call, boolean record, MemoryBudget.Lease lease) throws IOException {
        forward(ex, call, record, lease, 1);
    }

    /** {@link #forward}, the answer recorded as the {@code position}th of its sequence ({@link Sequences}). */
    void forward(HttpExchange ex, Call call, boolean record, MemoryBudget.Lease lease, int position) throws IOException {
        String base = upstreams.forRequest(call.family(), call.requestedUpstream());
        if (base == null) {
            sendError(ex, call.family(), 502, "replay4j_no_upstream", "replay4j has no upstream for " + call.path()
                    + " (mode " + mode + "): give --upstream URL or --upstream " + familyHint(call.family()) + "=URL");
            return;
        }
        String url = urlOf(base, call);
        String shown = Secrets.recordableUrl(url); // what logs and errors may say of it
        HttpResponse<InputStream> response;
        long started = Pace.started();
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
        String encoding = response.headers().firstValue("content-encoding").orElse(null);
        if (ContentCodings.unsupported(encoding) != null) {
            if (record) {
                response.body().close();
                LOG.warn("replay4j: upstream {} answered {} in Content-Encoding {}; nothing recorded", shown, call, encoding);
                sendError(ex, call.family(), 502, "replay4j_unsupported_encoding", "the upstream " + shown + " answered in"
                        + " Content-Encoding " + encoding + ", which replay4j cannot decode (only gzip and deflate); nothing was"
                        + " recorded");
                return;
            }
            ex.getResponseHeaders().set("Content-Encoding", encoding); // passed on as it came: the client decodes it
            encoding = null;
        }
        boolean decode = ContentCodings.encoded(encoding); // the client gets the body decoded, without the header
        StreamFormat stream = status < 400 ? StreamFormat.ofContentType(contentType) : null;
        if (stream == StreamFormat.EVENT_STREAM) {
            frames.pass(ex, call, url, status, response.body(), record, started, firstByteMs, position);
            return;
        }
        if (stream != null) {
            InputStream body = response.body();
            if (decode) {
                try {
                    body = ContentCodings.decoding(encoding, body);
                } catch (IOException e) {
                    body.close();
                    sendError(ex, call.family(), 502, "replay4j_upstream_bad_encoding", "the upstream " + shown + " said its"
                            + " stream is in Content-Encoding " + encoding + ", but it is not: " + describe(e) + "; nothing was recorded");
                    return;
                }
            }
            tee.pass(ex, call, url, status, stream, body, record, started, firstByteMs, position);
            return;
        }
        long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
        byte[] bytes;
        try (InputStream in = response.body()) {
            if (declared >= 0 && !afforded(ex, call, lease.reserve(declared, MemoryBudget.FACTOR), declared, shown, lease)) {
                return; // closing the body cancels the rest of the answer
            }
            bytes = readAnswer(in, declared);
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
        if (declared < 0 && !afforded(ex, call, lease.reserve(bytes.length, MemoryBudget.FACTOR), bytes.length, shown, lease)) {
            return;
        }
        if (decode && bytes.length > 0) {
            try {
                bytes = ContentCodings.decode(encoding, bytes, maxBodyBytes, "the upstream's answer");
            } catch (ContentCodings.DecodingException e) {
                LOG.warn("replay4j: upstream {}: {}; nothing recorded", shown, e.getMessage());
                sendError(ex, call.family(), 502, "replay4j_upstream_bad_encoding", e.getMessage() + "; nothing was recorded");
                return;
            }
            if (!afforded(ex, call, lease.reserve(bytes.length, MemoryBudget.FACTOR), bytes.length, shown, lease)) {
                return;
            }
        }
        if (record && !writer.save(ex, call, builder.whole(call, url, status, bytes, firstByteMs, response.headers().map()),
                position)) {
            return;
        }
        send(ex, status, null, bytes);
    }

    /** The upstream URL a call goes to. */
    static String urlOf(String base, Call call) {
        return base + (call.path().startsWith("/") ? call.path() : "/" + call.path())
                + (call.rawQuery() != null ? "?" + call.rawQuery() : "");
    }

    /** True when the budget took the answer; else the client has a 503, and nothing is recorded. */
    private boolean afforded(HttpExchange ex, Call call, MemoryBudget.Outcome outcome, long bytes, String shown,
                             MemoryBudget.Lease lease) throws IOException {
        if (outcome == MemoryBudget.Outcome.RESERVED) {
            return true;
        }
        LOG.warn("replay4j: no memory for the answer of {} to {} ({} bytes); nothing recorded", shown, call, bytes);
        ex.getResponseHeaders().set("Retry-After", "5");
        sendError(ex, call.family(), 503, "replay4j_insufficient_memory", "replay4j has no memory for the answer of the upstream "
                + shown + " (" + bytes + " bytes) " + (outcome == MemoryBudget.Outcome.NEVER ? "at all" : "now, besides the request")
                + " (" + lease.describe() + "); nothing was recorded. Give its JVM more heap (-Xmx), or send fewer large"
                + " requests at once");
        return false;
    }

    /** The most an answer's declared length sizes its array by; a larger one is read as it comes. */
    private static final long PRESIZED_MAX = 1L << 30;

    /**
     * A whole answer: into one array of its declared length when it has one ({@code readAllBytes} would hold its
     * chunks and then their copy, twice the answer), else as it comes.
     */
    static byte[] readAnswer(InputStream in, long declared) throws IOException {
        if (declared < 0 || declared > PRESIZED_MAX) {
            return in.readAllBytes();
        }
        byte[] bytes = new byte[(int) declared];
        int off = 0;
        while (off < bytes.length) {
            int n = in.read(bytes, off, bytes.length - off);
            if (n < 0) {
                return Arrays.copyOf(bytes, off); // shorter than declared (HEAD): the client reports a cut answer itself
            }
            off += n;
        }
        byte[] more = in.readAllBytes(); // nothing, for HTTP/1.1
        if (more.length == 0) {
            return bytes;
        }
        byte[] all = Arrays.copyOf(bytes, bytes.length + more.length);
        System.arraycopy(more, 0, all, bytes.length, more.length);
        return all;
    }

    private HttpRequest request(Call call, String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        call.headers().forEach((name, values) -> {
            String h = name.toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(h)) {
                values.forEach(v -> {
                    if (!h.equals("content-encoding") || ContentCodings.unsupported(v) != null) { // the body went decoded
                        request.header(name, v);
                    }
                });
            }
        });
        request.method(call.method(), call.body().length == 0 ? HttpRequest.BodyPublishers.noBody() : publisher(call.body()));
        return request.build();
    }

    /**
     * The body as the JDK client sends it, read from the array in 16 KiB pieces as they are sent, with its length:
     * {@code BodyPublishers.ofByteArray} copies the whole array into buffers first, a second copy of a 30 MB body.
     */
    static HttpRequest.BodyPublisher publisher(byte[] body) {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
                body.length);
    }

    private static String familyHint(ApiFamily family) {
        return family == ApiFamily.OTHER ? "openai" : family.cliName();
    }
}

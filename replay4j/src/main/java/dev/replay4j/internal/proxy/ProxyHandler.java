// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.replay4j.internal.store.RecordingStore;
import dev.replay4j.internal.usage.UsageReport;
import dev.replay4j.internal.view.SeenRequest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's handler: counts the exchanges in flight (so that closing lets them finish), runs each
 * through the {@link RequestPipeline}, and turns what escapes it into a dropped connection or a 500.
 */
final class ProxyHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final RequestPipeline pipeline;
    private final SeenRequests seen;
    private final LiveView live;
    private final String mode;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean shuttingDown;

    ProxyHandler(ProxyConfig config, RecordingStore store, Supplier<HttpClient> client, Misses misses, UsageReport usage,
                 Faults faults, Sequences sequences, SeenRequests seen, LiveView live) {
        this.pipeline = new RequestPipeline(config, store, client, misses, usage, faults, () -> shuttingDown, sequences);
        this.seen = seen;
        this.live = live;
        this.mode = config.mode().cliName();
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        if (LiveView.owns(ex)) {
            try {
                live.handle(ex);
            } finally {
                ex.close();
            }
            return;
        }
        inFlight.incrementAndGet();
        boolean abort = false;
        long started = System.nanoTime();
        long arrived = System.currentTimeMillis();
        Trace trace = Trace.begin();
        try {
            pipeline.serve(ex);
        } catch (AbortConnection e) {
            abort = true;
            LOG.warn("replay4j: {} {}: {}", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e.getMessage());
            throw e; // the server drops the connection: the client must not take a cut stream as complete
        } catch (IOException e) {
            // The client went away (a reset or a closed socket): routine for a test that stops reading. Rethrown,
            // because that is how a handler tells the server to drop the connection rather than read another request
            // from it after a cut answer.
            abort = true;
            LOG.info("replay4j: {} {}: the client went away before the end of the answer ({})", ex.getRequestMethod(),
                    ex.getRequestURI().getRawPath(), e.getMessage());
            throw e;
        } catch (OutOfMemoryError e) {
            // What the memory budget did not foresee (a body whose tree is many times its size, a heap shared with
            // the tests). Caught here, where this exchange's own objects are all unreachable again: the client
            // gets a 503 rather than a dropped connection, and the server thread lives on.
            LOG.error("replay4j: {} {}: out of memory ({}); answered 503", ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                    e.getMessage());
            if (ex.getResponseCode() >= 0) {
                abort = true;
                throw new IOException("out of memory after the answer had started", e);
            }
            ex.getResponseHeaders().set("Retry-After", "5");
            Responses.trySendError(ex, RequestPipeline.familyOf(ex.getRequestURI().getRawPath()), 503, "replay4j_insufficient_memory",
                    "replay4j ran out of memory on this request (" + e.getMessage() + "): give its JVM more heap (-Xmx), or"
                            + " send fewer or smaller bodies at once");
        } catch (Exception e) {
            LOG.error("replay4j: {} {} failed", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e);
            Responses.trySendError(ex, RequestPipeline.familyOf(ex.getRequestURI().getRawPath()), 500, "replay4j_internal_error",
                    "replay4j failed on this request: " + Responses.describe(e));
        } finally {
            Trace.end();
            try {
                if (!abort) {
                    Responses.closeRequestBody(ex); // guarded: a client stalling in its body is cut, not waited for
                    ex.close();
                }
            } finally {
                seen(ex, trace, arrived, started); // before the count drops: close() waits for it, a run report has it
                inFlight.decrementAndGet();
            }
        }
    }

    /** Never lets the exchange's own end fail: what the live view misses is a line less, not a connection left open. */
    private void seen(HttpExchange ex, Trace trace, long arrived, long started) {
        try {
            note(ex, trace, arrived, started);
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.debug("replay4j: the live view missed {} {}: {}", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e.toString());
        }
    }

    private void note(HttpExchange ex, Trace trace, long arrived, long started) {
        int status = ex.getResponseCode();
        String outcome = trace.outcome != null ? trace.outcome : status < 0 ? "dropped" : "forwarded";
        seen.add(new SeenRequest(seen.next(), arrived, mode, trace.testId, ex.getRequestMethod(),
                TestIdSource.clientPath(ex.getRequestURI().getRawPath()), outcome, status, trace.key, trace.file, trace.explanation,
                (System.nanoTime() - started) / 1_000_000));
    }

    /** From now on, requests get 503. */
    void shutdown() {
        shuttingDown = true;
    }

    /** Waits for the exchanges in flight (their recordings land before they end). */
    void awaitInFlight(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

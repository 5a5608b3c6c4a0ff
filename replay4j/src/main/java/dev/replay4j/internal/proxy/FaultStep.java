// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static dev.replay4j.internal.proxy.Responses.headerValue;
import static dev.replay4j.internal.proxy.Responses.send;
import static dev.replay4j.internal.proxy.Responses.sendError;

import com.sun.net.httpserver.HttpExchange;
import dev.replay4j.internal.usage.UsageReport;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a request its fault, if one takes it (see {@link Faults}): a fault that answers ({@code status},
 * {@code reset}) answers here, and the request goes no further; one that damages ({@code delay},
 * {@code cut-after}) hands the pipeline an exchange that damages whatever answer it writes. Either way the
 * exchange is not recorded, and the usage report counts it.
 */
final class FaultStep {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);
    /** The response header that says which fault an answer was given. */
    static final String APPLIED_HEADER = "X-Replay4j-Fault-Applied";

    /** What the pipeline goes on with: the exchange to answer on and whether it is faulted; {@code null} exchange: answered. */
    record Outcome(HttpExchange exchange, boolean faulted) {
    }

    private final Faults faults;
    private final UsageReport usage;

    FaultStep(Faults faults, UsageReport usage) {
        this.faults = faults;
        this.usage = usage;
    }

    Outcome apply(HttpExchange ex, Call call) throws IOException {
        String spec = ex.getRequestHeaders().getFirst(Fault.HEADER);
        Fault header = null;
        if (spec != null) {
            try {
                header = Fault.parse(spec);
            } catch (IllegalArgumentException e) {
                sendError(ex, call.family(), 400, "replay4j_invalid_fault", "replay4j cannot read the " + Fault.HEADER
                        + " header: " + Secrets.printable(e.getMessage()));
                return new Outcome(null, false);
            }
        }
        if (header == null && faults.isEmpty()) {
            return new Outcome(ex, false);
        }
        Faults.Chosen chosen = faults.choose(header, call.testId(), call.path());
        if (chosen == null) {
            return new Outcome(ex, false);
        }
        Fault fault = chosen.fault();
        usage.faulted(chosen.source(), fault.spec(), call.method(), call.path(), call.testId());
        Trace.faulted(fault.spec());
        LOG.debug("replay4j: {} gets the fault {} ({})", call, fault.spec(), chosen.source());
        HttpExchange out = fault.delayMs() > 0 || fault.cutAfter() >= 0 ? new FaultedExchange(ex, fault) : ex;
        if (fault.reset()) {
            if (fault.delayMs() > 0) {
                sleep(fault.delayMs());
            }
            throw new AbortConnection("the fault " + fault.spec() + " reset the connection");
        }
        out.getResponseHeaders().set(APPLIED_HEADER, headerValue(fault.spec()));
        if (fault.status() != 0) {
            if (fault.retryAfter() >= 0) {
                out.getResponseHeaders().set("Retry-After", Integer.toString(fault.retryAfter()));
            }
            send(out, fault.status(), "application/json", FaultAnswers.body(call.family(), fault.status()));
            return new Outcome(null, true);
        }
        return new Outcome(out, true);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AbortConnection("interrupted during the fault's delay");
        }
    }
}

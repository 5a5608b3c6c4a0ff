// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static dev.replay4j.internal.proxy.Responses.send;
import static dev.replay4j.internal.proxy.Responses.sendError;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.replay4j.ApiFamily;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.store.RecordingStore;
import java.io.IOException;

/**
 * {@code POST /_replay4j/reset} (every test) and {@code POST /_replay4j/reset?test-id=<percent-encoded id>} (one):
 * a client of a long-running proxy says that its tests start again, so that the nth identical request of a test is
 * the nth answer again ({@link Sequences}).
 */
final class ResetRequests {
    static final String PATH = "/_replay4j/reset";

    private final RecordingStore store;
    private final Sequences sequences;

    ResetRequests(RecordingStore store, Sequences sequences) {
        this.store = store;
        this.sequences = sequences;
    }

    /** True when the exchange was a reset, now answered. */
    boolean answer(HttpExchange ex) throws IOException {
        if (!PATH.equals(ex.getRequestURI().getRawPath())) {
            return false;
        }
        if (!"POST".equalsIgnoreCase(ex.getRequestMethod())) {
            ex.getResponseHeaders().set("Allow", "POST");
            sendError(ex, ApiFamily.OTHER, 405, "replay4j_method_not_allowed", PATH + " takes POST (to reset every test's"
                    + " count of identical requests), or POST " + PATH + "?test-id=<percent-encoded id> (one test's)");
            return true;
        }
        String testId = null;
        String query = ex.getRequestURI().getRawQuery();
        try {
            if (query != null && !query.isEmpty()) {
                for (String param : query.split("&")) {
                    int eq = param.indexOf('=');
                    String name = eq < 0 ? param : param.substring(0, eq);
                    if (!name.equals("test-id")) {
                        throw new IllegalArgumentException("unknown parameter " + Secrets.printable(name)
                                + ": the only one is test-id=<percent-encoded id>");
                    }
                    testId = PercentCoding.decode(eq < 0 ? "" : param.substring(eq + 1));
                }
                if (testId != null && !testId.isEmpty()) {
                    testId = store.normalizedTestId(testId);
                    store.folderFor(testId); // refuses an id no test can have
                }
            }
        } catch (IllegalArgumentException e) {
            sendError(ex, ApiFamily.OTHER, 400, "replay4j_invalid_test_id", "replay4j cannot reset: " + e.getMessage());
            return true;
        }
        ObjectNode body = Json.object();
        if (testId == null || testId.isEmpty()) {
            sequences.resetAll();
            body.put("reset", "every test");
        } else {
            sequences.reset(testId);
            body.put("reset", testId);
        }
        send(ex, 200, "application/json", Json.writeBytes(body));
        return true;
    }
}

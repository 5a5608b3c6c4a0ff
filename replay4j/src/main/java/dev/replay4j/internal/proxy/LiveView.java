// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.view.HostCheck;
import dev.replay4j.internal.view.WebPage;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * {@code GET /_replay4j/}: the page, showing the requests as they arrive, and the read-only JSON it polls
 * ({@code /_replay4j/ui/api/live?after=N}). Only GET and HEAD; the {@code Host} must be the proxy's address.
 */
final class LiveView {
    static final String PAGE = "/_replay4j/";
    private static final String API = WebPage.PREFIX + "api/live";

    private final SeenRequests seen;
    private final String mode;
    private volatile HostCheck hosts;

    LiveView(SeenRequests seen, String mode) {
        this.seen = seen;
        this.mode = mode;
    }

    void bound(InetSocketAddress address) {
        hosts = new HostCheck(address.getAddress(), address.getPort());
    }

    /** True for the paths this view answers; the proxy's own routes ({@code /_replay4j/test/}, reset) are not among them. */
    static boolean owns(HttpExchange ex) {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        return (method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD"))
                && (path.equals(PAGE) || path.startsWith(WebPage.PREFIX));
    }

    void handle(HttpExchange ex) throws IOException {
        HostCheck check = hosts;
        if (check == null || !check.allows(ex.getRequestHeaders().getFirst("Host"))) {
            WebPage.sendText(ex, 403, "replay4j: this page answers only at the address it listens on, not at Host "
                    + ex.getRequestHeaders().getFirst("Host"));
            return;
        }
        String path = ex.getRequestURI().getRawPath();
        if (path.equals(PAGE)) {
            WebPage.sendPage(ex);
        } else if (path.equals(API)) {
            ObjectNode out = Json.object();
            out.put("mode", mode);
            ArrayNode list = out.putArray("requests");
            seen.after(after(ex.getRequestURI().getRawQuery())).forEach(r -> list.add(r.toJson()));
            WebPage.sendJson(ex, 200, out);
        } else if (!WebPage.sendFile(ex, path)) {
            WebPage.sendText(ex, 404, "replay4j: no such page: " + path);
        }
    }

    private static long after(String query) {
        if (query != null) {
            for (String p : query.split("&")) {
                if (p.startsWith("after=")) {
                    try {
                        return Long.parseLong(p.substring(6));
                    } catch (NumberFormatException e) {
                        return 0;
                    }
                }
            }
        }
        return 0;
    }
}

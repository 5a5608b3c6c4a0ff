// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.replay4j.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The page of {@code replay4j ui} and of {@code serve}'s live view: three files inside the jar (no CDN, no build
 * step), and the answers that go with them, each with headers that keep a hostile recording inert: a
 * Content-Security-Policy that allows only the page's own script and style (no inline script, nothing remote),
 * {@code nosniff}, and no framing.
 */
public final class WebPage {
    /** Where the page's files and JSON live, on both servers. */
    public static final String PREFIX = "/_replay4j/ui/";
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " media-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8");

    private WebPage() {
    }

    /** The page itself, whatever it shows: its script reads what from the address. */
    public static void sendPage(HttpExchange ex) throws IOException {
        send(ex, 200, FILES.get("index.html"), resource("index.html"));
    }

    /** Serves {@code PREFIX + name} when it is one of the page's files; false otherwise. */
    public static boolean sendFile(HttpExchange ex, String path) throws IOException {
        if (!path.startsWith(PREFIX)) {
            return false;
        }
        String name = path.substring(PREFIX.length());
        String type = FILES.get(name);
        if (type == null) {
            return false;
        }
        send(ex, 200, type, resource(name));
        return true;
    }

    public static void sendJson(HttpExchange ex, int status, JsonNode body) throws IOException {
        send(ex, status, "application/json; charset=utf-8", Json.writeBytes(body));
    }

    public static void sendText(HttpExchange ex, int status, String text) throws IOException {
        send(ex, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        var h = ex.getResponseHeaders();
        h.set("Content-Type", contentType);
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equalsIgnoreCase("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebPage.class.getResourceAsStream("page/" + name)) {
            if (in == null) {
                throw new IllegalStateException("replay4j: the page's " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

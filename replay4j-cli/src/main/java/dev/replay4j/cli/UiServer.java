// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.recording.RecordingFormat;
import dev.replay4j.internal.view.ConversationJson;
import dev.replay4j.internal.view.Conversations;
import dev.replay4j.internal.view.HostCheck;
import dev.replay4j.internal.view.RecordingDiff;
import dev.replay4j.internal.view.WebPage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The web server of {@code replay4j ui}: the page ({@code /}, {@code /r/<path>}, {@code /diff}) and the read-only
 * JSON it asks for under {@code /_replay4j/ui/api/}. GET and HEAD only; a {@code Host} that is not the address it
 * listens on is refused; no path leaves DIR.
 */
final class UiServer implements AutoCloseable {
    private static final int MAX_SHOWN = 1000;
    private static final int MAX_RAW = 16 << 20;
    private static final String API = WebPage.PREFIX + "api/";

    static {
        // This page is the JDK's HttpServer, which reads this once: without it each answer waits 40 ms (Nagle and
        // delayed ACK). The CLI's own process, so the property is ours to set, unless the user set it.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final RecordingIndex index;
    private final LastRun run;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HostCheck hosts;

    UiServer(RecordingIndex index, LastRun run, String bind, int port) throws IOException {
        this.index = index;
        this.run = run;
        this.server = HttpServer.create(new InetSocketAddress(bind, port), 64);
        this.hosts = new HostCheck(server.getAddress().getAddress(), server.getAddress().getPort());
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "replay4j-ui");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI url() {
        String host = server.getAddress().getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!hosts.allows(ex.getRequestHeaders().getFirst("Host"))) {
                WebPage.sendText(ex, 403, "replay4j ui answers only at the address it listens on, " + url().getAuthority()
                        + ", not at Host " + ex.getRequestHeaders().getFirst("Host"));
                return;
            }
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                WebPage.sendText(ex, 405, "replay4j ui is read-only: GET and HEAD only, not " + method);
                return;
            }
            route(ex);
        } catch (RuntimeException e) {
            WebPage.sendJson(ex, 500, Json.object().put("error", "replay4j ui failed: " + e));
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String rawPath = ex.getRequestURI().getRawPath();
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        if (rawPath.equals("/") || rawPath.equals("/diff")) {
            WebPage.sendPage(ex);
        } else if (rawPath.startsWith("/r/")) {
            String relative = decode(rawPath.substring(3));
            if (relative == null || index.resolve(relative) == null) {
                WebPage.sendText(ex, 404, "replay4j ui: no recording " + rawPath.substring(3) + " in " + index.root());
            } else {
                WebPage.sendPage(ex);
            }
        } else if (rawPath.startsWith(API)) {
            api(ex, rawPath.substring(API.length()), query);
        } else if (!WebPage.sendFile(ex, rawPath)) {
            WebPage.sendText(ex, 404, "replay4j ui: no such page: " + rawPath);
        }
    }

    private void api(HttpExchange ex, String name, Map<String, String> query) throws IOException {
        switch (name) {
            case "list" -> WebPage.sendJson(ex, 200, list(query));
            case "recording" -> withFile(ex, query.get("path"), (file) -> {
                Recording r = read(file);
                IndexedRecording known = index.known(query.get("path"));
                ObjectNode out = Json.object().put("path", query.get("path"));
                out.put("verdict", known == null ? null : known.verdict());
                out.put("message", known == null ? null : known.message());
                out.put("use", run == null ? null : run.useOf(query.get("path")));
                out.set("view", ConversationJson.of(Conversations.of(r, file.getFileName().toString())));
                return out;
            });
            case "raw" -> {
                Path file = index.resolve(query.get("path"));
                if (file == null) {
                    WebPage.sendText(ex, 404, "no recording " + query.get("path"));
                    return;
                }
                byte[] content = Files.size(file) > MAX_RAW ? (Files.size(file) + " bytes: too large to show here; replay4j show --raw "
                        + "prints it").getBytes(StandardCharsets.UTF_8) : Files.readAllBytes(file);
                WebPage.send(ex, 200, "text/plain; charset=utf-8", content);
            }
            case "diff" -> {
                Path a = index.resolve(query.get("a"));
                Path b = index.resolve(query.get("b"));
                if (a == null || b == null) {
                    WebPage.sendJson(ex, 404, Json.object().put("error", "no recording " + (a == null ? query.get("a") : query.get("b"))));
                    return;
                }
                try {
                    ObjectNode out = RecordingDiff.of(read(a), read(b));
                    out.put("a", query.get("a")).put("b", query.get("b"));
                    WebPage.sendJson(ex, 200, out);
                } catch (IOException e) {
                    WebPage.sendJson(ex, 422, Json.object().put("error", e.getMessage()));
                }
            }
            default -> WebPage.sendJson(ex, 404, Json.object().put("error", "no such API: " + name));
        }
    }

    private interface FileAnswer {
        ObjectNode answer(Path file) throws IOException;
    }

    private void withFile(HttpExchange ex, String relative, FileAnswer answer) throws IOException {
        Path file = index.resolve(relative);
        if (file == null) {
            WebPage.sendJson(ex, 404, Json.object().put("error", "no recording " + relative + " in " + index.root()));
            return;
        }
        try {
            WebPage.sendJson(ex, 200, answer.answer(file));
        } catch (IOException e) {
            WebPage.sendJson(ex, 422, Json.object().put("error", e.getMessage() + " (the raw file: replay4j show --raw " + relative + ")"));
        }
    }

    private static Recording read(Path file) throws IOException {
        try {
            return RecordingFormat.read(Files.readAllBytes(file), file.getFileName().toString());
        } catch (Exception e) {
            throw new IOException("this file is not a recording replay4j can show: " + e.getMessage());
        }
    }

    private ObjectNode list(Map<String, String> query) throws IOException {
        long started = System.nanoTime();
        List<IndexedRecording> all = index.all();
        List<String> terms = RecordingIndex.terms(query.getOrDefault("q", ""));
        Map<String, Function<IndexedRecording, String>> facets = new LinkedHashMap<>();
        facets.put("endpoint", IndexedRecording::endpoint);
        facets.put("model", IndexedRecording::model);
        facets.put("verdict", IndexedRecording::verdict);
        facets.put("streamed", r -> r.streamed() ? "yes" : "no");
        facets.put("error", r -> r.error() ? "yes" : "no");
        if (run != null) {
            facets.put("use", r -> run.useOf(r.path()));
        }
        String test = query.getOrDefault("test", "");
        List<IndexedRecording> matched = new ArrayList<>();
        for (IndexedRecording r : all) {
            if (!test.isEmpty() && (r.testId() == null || !r.testId().contains(test))) {
                continue;
            }
            boolean keep = true;
            for (Map.Entry<String, Function<IndexedRecording, String>> f : facets.entrySet()) {
                String wanted = query.get(f.getKey());
                if (wanted != null && !wanted.isEmpty() && !wanted.equals(f.getValue().apply(r))) {
                    keep = false;
                    break;
                }
            }
            for (int i = 0; keep && i < terms.size(); i++) {
                keep = r.text().contains(terms.get(i));
            }
            if (keep) {
                matched.add(r);
            }
        }
        ObjectNode out = Json.object();
        out.put("root", index.root().toString());
        out.put("total", all.size());
        out.put("matched", matched.size());
        out.put("shown", Math.min(matched.size(), MAX_SHOWN));
        ObjectNode facetValues = out.putObject("facets");
        facets.forEach((name, f) -> {
            TreeSet<String> values = new TreeSet<>();
            all.forEach(r -> values.add(f.apply(r)));
            values.remove("");
            ArrayNode list = facetValues.putArray(name);
            values.forEach(list::add);
        });
        // By folder, then by test: a test's recordings together, whatever their keys.
        matched.sort(java.util.Comparator.comparing(IndexedRecording::folder)
                .thenComparing(r -> r.testId() == null ? "" : r.testId()).thenComparing(IndexedRecording::path));
        ArrayNode tests = out.putArray("tests");
        Map<String, ObjectNode> byTest = new HashMap<>();
        for (IndexedRecording r : matched.subList(0, Math.min(matched.size(), MAX_SHOWN))) {
            String id = r.folder() + "\n" + r.testId();
            ObjectNode t = byTest.computeIfAbsent(id, k -> tests.addObject().put("folder", r.folder()).put("test_id", r.testId()).put("count", 0));
            t.put("count", t.get("count").asInt() + 1);
            t.withArray("recordings").addObject().put("path", r.path()).put("title", r.title()).put("endpoint", r.endpoint())
                    .put("model", r.model()).put("streamed", r.streamed()).put("error", r.error()).put("status", r.status())
                    .put("verdict", r.verdict()).put("use", run == null ? null : run.useOf(r.path()));
        }
        if (run != null) {
            out.set("run", run.toJson(all));
        }
        out.put("ms", (System.nanoTime() - started) / 1_000_000);
        return out;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decodeForm(eq < 0 ? pair : pair.substring(0, eq));
            String value = decodeForm(eq < 0 ? "" : pair.substring(eq + 1));
            if (name != null && value != null) {
                out.putIfAbsent(name, value);
            }
        }
        return out;
    }

    private static String decodeForm(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A path's percent-encoding undone once ({@code +} is a plus here); {@code null} when it is not valid. */
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

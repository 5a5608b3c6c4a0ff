// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An LLM API server on loopback for tests to record against: OpenAI chat completions (JSON and SSE, tool
 * calls) and embeddings, Ollama {@code /api/chat} (JSON and NDJSON, tool calls) and {@code /api/embed},
 * Anthropic {@code /v1/messages} (JSON and SSE, tool use).
 *
 * <p>Answers are deterministic but numbered: the text of a chat answer is {@code "Echo: <last user text> #<n>"},
 * where n counts the calls this server answered. A replayed answer therefore shows which recorded call it came
 * from, and a test can tell a replay from a fresh call. A request with tools gets a call of the first tool,
 * with {@code "Paris"} as its first parameter, unless the conversation already holds a tool result.
 */
public final class FakeUpstream implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger calls = new AtomicInteger();
    private final Map<String, AtomicInteger> callsByPath = new ConcurrentHashMap<>();
    private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();

    private FakeUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-upstream");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static FakeUpstream start() {
        try {
            return new FakeUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the fake upstream", e);
        }
    }

    /** The base URL, such as {@code http://127.0.0.1:41234}, without any API path. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many requests this server answered, on any path. */
    public int calls() {
        return calls.get();
    }

    /** How many requests this server answered on one path, such as {@code /v1/chat/completions}. */
    public int calls(String path) {
        AtomicInteger n = callsByPath.get(path);
        return n == null ? 0 : n.get();
    }

    /** Every request answered so far, oldest first. */
    public List<ReceivedRequest> received() {
        return List.copyOf(received);
    }

    /** Stops at once and frees the port; calling it again does nothing. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            int n = calls.incrementAndGet();
            callsByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            received.add(new ReceivedRequest(ex.getRequestMethod(), path, Map.copyOf(ex.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8)));
            JsonNode request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            Answer answer = answer(path, request, n);
            ex.getResponseHeaders().set("Content-Type", answer.contentType());
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Answer answer(String path, JsonNode request, int n) {
        switch (path) {
            case "/v1/chat/completions":
                return OpenAiAnswers.chat(request, n);
            case "/v1/embeddings":
                return OpenAiAnswers.embeddings(request);
            case "/api/chat":
                return OllamaAnswers.chat(request, n);
            case "/api/embed":
                return OllamaAnswers.embed(request);
            case "/v1/messages":
                return AnthropicAnswers.messages(request, n);
            default:
                return new Answer(404, "application/json",
                        "{\"error\":{\"message\":\"the fake upstream does not serve " + path + "\",\"type\":\"not_found\"}}");
        }
    }

    @Override
    public String toString() {
        return "FakeUpstream[" + url() + ", " + calls() + " calls]";
    }
}

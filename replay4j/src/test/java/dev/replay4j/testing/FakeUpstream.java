// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.replay4j.internal.api.Endpoints;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model server for tests, on loopback: OpenAI-style JSON and SSE, Ollama NDJSON, errors, and a stream
 * that pauses until the test lets it go on. It counts and keeps the requests it gets.
 */
public final class FakeUpstream implements AutoCloseable {
    /** What a request received: method, path with query, headers (lower-case names), body. */
    public record Received(String method, String path, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> models = new ConcurrentHashMap<>();
    private volatile CountDownLatch streamGate = new CountDownLatch(0);
    private volatile String modelIds = "gpt-test";

    public FakeUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int calls() {
        return calls.get();
    }

    public List<Received> received() {
        return received;
    }

    /** Streams stop after their first chunk until the returned latch is counted down. */
    public CountDownLatch pauseStreamsAfterFirstChunk() {
        streamGate = new CountDownLatch(1);
        return streamGate;
    }

    /** The ids that {@code GET /v1/models} and {@code /api/tags} list, comma-separated. */
    public void models(String ids) {
        this.modelIds = ids;
    }

    private void handle(HttpExchange ex) throws IOException {
        calls.incrementAndGet();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new ConcurrentHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        String path = ex.getRequestURI().getRawPath();
        received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().toString(), headers, body));
        String prompt = extract(body, "\"content\":\"", "\"");
        try {
            if (body.contains("please fail")) {
                json(ex, 400, "{\"error\":{\"message\":\"invalid image input\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
            } else if (Endpoints.isOpenAiModelList(path)) {
                StringBuilder data = new StringBuilder();
                for (String id : modelIds.split(",")) {
                    data.append(data.length() > 0 ? "," : "").append("{\"id\":\"").append(id).append("\",\"object\":\"model\",\"created\":1712000000,\"owned_by\":\"fake\"}");
                }
                json(ex, 200, "{\"object\":\"list\",\"data\":[" + data + "]}");
            } else if (Endpoints.isOllamaModelList(path)) {
                StringBuilder data = new StringBuilder();
                for (String id : modelIds.split(",")) {
                    data.append(data.length() > 0 ? "," : "").append("{\"name\":\"").append(id).append("\",\"model\":\"").append(id).append("\",\"size\":1}");
                }
                json(ex, 200, "{\"models\":[" + data + "]}");
            } else if (path.endsWith("/v1/chat/completions") && body.contains("\"stream\":true")) {
                sse(ex, prompt);
            } else if (path.endsWith("/v1/chat/completions")) {
                json(ex, 200, "{\"id\":\"chatcmpl-" + calls.get() + "\",\"object\":\"chat.completion\",\"created\":" + System.currentTimeMillis() / 1000
                        + ",\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"echo: "
                        + prompt + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}");
            } else if (path.endsWith("/v1/embeddings")) {
                json(ex, 200, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.1,-0.25,0.3333333333]}],\"model\":\"emb\",\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}");
            } else if (path.endsWith("/api/chat")) {
                ndjson(ex, prompt);
            } else {
                json(ex, 404, "{\"error\":\"no such path on the fake upstream: " + path + "\"}");
            }
        } finally {
            ex.close();
        }
    }

    private void sse(HttpExchange ex, String prompt) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        String[] words = {"Sol", " is", " the", " answer", " to: " + prompt};
        for (int i = 0; i < words.length; i++) {
            String chunk = "{\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1712000000,\"model\":\"gpt-test\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + words[i] + "\"},\"finish_reason\":"
                    + (i == words.length - 1 ? "\"stop\"" : "null") + "}]}";
            out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (i == 0) {
                awaitGate();
            }
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.close();
    }

    private void ndjson(HttpExchange ex, String prompt) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        String[] words = {"Sol", " for ", prompt};
        for (int i = 0; i < words.length; i++) {
            out.write(("{\"model\":\"llama3.2\",\"created_at\":\"2025-06-01T10:00:0" + i + "Z\",\"message\":{\"role\":\"assistant\",\"content\":\""
                    + words[i] + "\"},\"done\":false}\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (i == 0) {
                awaitGate();
            }
        }
        out.write(("{\"model\":\"llama3.2\",\"created_at\":\"2025-06-01T10:00:09Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"done\":true,\"total_duration\":123456,\"eval_count\":3}\n").getBytes(StandardCharsets.UTF_8));
        out.close();
    }

    private void awaitGate() {
        try {
            if (!streamGate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the stream go on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static String extract(String s, String start, String end) {
        int i = s.lastIndexOf(start);
        if (i < 0) {
            return "";
        }
        int j = s.indexOf(end, i + start.length());
        return j < 0 ? "" : s.substring(i + start.length(), j);
    }

    @Override
    public void close() {
        streamGate.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}

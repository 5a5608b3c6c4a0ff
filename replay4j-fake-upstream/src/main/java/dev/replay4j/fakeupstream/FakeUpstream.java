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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An LLM API server on loopback for tests to record against: OpenAI chat completions (JSON and SSE, tool
 * calls) and embeddings, Ollama {@code /api/chat} (JSON and NDJSON, tool calls) and {@code /api/embed},
 * Anthropic {@code /v1/messages} (JSON and SSE, tool use), Gemini ({@link GeminiAnswers}: AI Studio and Vertex AI
 * paths, JSON, SSE and JSON-array streams, embeddings, token counts), Bedrock ({@link BedrockAnswers}: Converse and
 * InvokeModel, their streams as AWS event-stream frames), Azure OpenAI's deployment paths (which need
 * {@code api-version}), and the model lists ({@code GET .../models} in OpenAI's, Anthropic's or Gemini's paged shape
 * by the request's headers, Ollama's {@code GET /api/tags}). Streams go out chunked, one event or line at a time, as the APIs send them.
 *
 * <p>Answers are deterministic but numbered: the text of a chat answer is {@code "Echo: <last user text> #<n>"},
 * where n counts the calls this server answered. A replayed answer therefore shows which recorded call it came
 * from, and a test can tell a replay from a fresh call. A request with tools gets a call of the first tool,
 * with {@code "Paris"} as its first parameter, unless the conversation already holds a tool result.
 *
 * <p>A test can also hold streams after their first chunk ({@link #pauseStreamsAfterFirstChunk()}), have the next
 * request fail with an API error ({@link #failNext}), and choose the models listed ({@link #models}).
 */
public final class FakeUpstream implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger calls = new AtomicInteger();
    private final Map<String, AtomicInteger> callsByPath = new ConcurrentHashMap<>();
    private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Failure> nextFailure = new AtomicReference<>();
    private volatile List<String> models = List.of("gpt-test");
    private volatile StreamPause pause = StreamPause.NONE;
    private volatile boolean gzipAnswers;
    private final OpenAiFiles files = new OpenAiFiles();

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

    /** The models that the model lists name, in this order; {@code gpt-test} unless set. */
    public FakeUpstream models(String... ids) {
        this.models = List.of(ids);
        return this;
    }

    /** The next request, on any path, gets this error in its API's shape instead of an answer. */
    public FakeUpstream failNext(int status, String message) {
        nextFailure.set(new Failure(status, message));
        return this;
    }

    /**
     * Streams that start from now on send their first chunk, then wait until the returned pause is released
     * (or 30 seconds). A released pause lets every later stream through too.
     */
    public StreamPause pauseStreamsAfterFirstChunk() {
        StreamPause p = new StreamPause();
        pause = p;
        return p;
    }

    /** Stops at once and frees the port; calling it again does nothing. */
    @Override
    public void close() {
        pause.release();
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
                    new String(body, StandardCharsets.UTF_8), ex.getRequestURI().getRawQuery()));
            Failure failure = nextFailure.getAndSet(null);
            Answer answer = failure != null ? failure.answer(path)
                    : answer(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(), ex.getRequestHeaders(), body, n);
            if (answer.contentType() != null) {
                ex.getResponseHeaders().set("Content-Type", answer.contentType());
            }
            answer.headers().forEach((name, value) -> ex.getResponseHeaders().add(name, value));
            String accepts = ex.getRequestHeaders().getFirst("Accept-Encoding");
            boolean gzip = (gzipAnswers || accepts != null && accepts.contains("gzip")) && answer.status() != 204;
            if (gzip) {
                ex.getResponseHeaders().set("Content-Encoding", "gzip");
            }
            if (answer.isStream()) {
                stream(ex, answer, gzip);
                return;
            }
            byte[] bytes = gzip ? gzip(answer.wire()) : answer.wire();
            if (answer.status() == 204 || bytes.length == 0) {
                ex.sendResponseHeaders(answer.status(), -1);
                return;
            }
            ex.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    private void stream(HttpExchange ex, Answer answer, boolean gzip) throws IOException {
        StreamPause p = pause;
        ex.sendResponseHeaders(answer.status(), 0); // chunked
        try (OutputStream out = gzip ? new java.util.zip.GZIPOutputStream(ex.getResponseBody(), true) : ex.getResponseBody()) {
            if (answer.frames() != null) {
                for (int i = 0; i < answer.frames().size(); i++) {
                    out.write(answer.frames().get(i));
                    out.flush();
                    if (i == 0) {
                        p.holdFirstChunk();
                    }
                }
                return;
            }
            List<String> chunks = answer.chunks();
            for (int i = 0; i < chunks.size(); i++) {
                out.write(chunks.get(i).getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (i == 0) {
                    p.holdFirstChunk();
                }
            }
        }
    }

    private Answer answer(String method, String path, String query, com.sun.net.httpserver.Headers headers, byte[] body, int n) {
        Map<String, OpenAiFiles.Part> form = OpenAiFiles.form(headers.getFirst("Content-Type"), body);
        if (path.endsWith("/audio/transcriptions") || path.endsWith("/audio/translations")) {
            return form == null ? ErrorAnswers.of(path, 400, "expected a multipart/form-data body") : files.transcription(form);
        } else if (method.equals("POST") && path.endsWith("/v1/files")) {
            return form == null ? ErrorAnswers.of(path, 400, "expected a multipart/form-data body") : files.createFile(form);
        } else if (method.equals("GET") && path.matches(".*/v1/batches/[^/]+")) {
            return files.batch(path.substring(path.lastIndexOf('/') + 1));
        } else if (method.equals("POST") && path.endsWith("/v1/batches")) {
            return files.createBatch(new String(body, StandardCharsets.UTF_8));
        }
        JsonNode request;
        try {
            request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return ErrorAnswers.of(path, 400, "the body is not JSON: " + e.getMessage());
        }
        if (path.startsWith("/openai/deployments/") && (query == null || !query.contains("api-version="))) {
            // Azure OpenAI refuses a deployment URL without its API version.
            return ErrorAnswers.of(path, 404, "Resource not found");
        }
        if (path.startsWith("/model/")) {
            return BedrockAnswers.answer(path, request, n);
        } else if (GeminiAnswers.method(path) != null) {
            return GeminiAnswers.answer(path, query, request, n);
        } else if (method.equals("GET") && path.endsWith("/models") && isGemini(path, query, headers)) {
            return GeminiAnswers.models(models, query);
        } else if (method.equals("GET") && path.endsWith("/models") && headers.containsKey("anthropic-version")) {
            return ModelListAnswers.anthropic(models);
        } else if (path.endsWith("/audio/speech")) {
            return Answer.bytes("audio/mpeg", OpenAiFiles.speech(request.path("input").asText("")));
        } else if (path.endsWith("/chat/completions")) {
            return OpenAiAnswers.chat(request, n);
        } else if (path.endsWith("/embeddings")) {
            return OpenAiAnswers.embeddings(request);
        } else if (path.equals("/api/chat")) {
            return OllamaAnswers.chat(request, n);
        } else if (path.equals("/api/embed")) {
            return OllamaAnswers.embed(request);
        } else if (path.endsWith("/messages")) {
            return AnthropicAnswers.messages(request, n);
        } else if (method.equals("GET") && path.endsWith("/models")) {
            return ModelListAnswers.openAi(models);
        } else if (method.equals("GET") && path.equals("/api/tags")) {
            return ModelListAnswers.ollama(models);
        }
        return ErrorAnswers.of(path, 404, "the fake upstream does not serve " + method + " " + path);
    }

    private static boolean isGemini(String path, String query, com.sun.net.httpserver.Headers headers) {
        return path.startsWith("/v1beta") || headers.containsKey("x-goog-api-key") || query != null && ("&" + query).contains("&key=");
    }

    /** The next request, on any path, gets a 429 in its API's shape with these seconds in {@code Retry-After}. */
    public FakeUpstream rateLimitNext(int retryAfterSeconds) {
        nextFailure.set(new Failure(429, "Rate limit reached; try again in " + retryAfterSeconds + "s", Map.of(
                "Retry-After", String.valueOf(retryAfterSeconds), "retry-after-ms", String.valueOf(retryAfterSeconds * 1000L),
                "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", retryAfterSeconds + "s",
                "Set-Cookie", "__cf_bm=fake-session-cookie; path=/; HttpOnly", "x-request-id", "req_" + calls.get())));
        return this;
    }

    /** The next request, on any path, gets {@code 204 No Content}. */
    public FakeUpstream noContentNext() {
        nextFailure.set(new Failure(204, null, Map.of()));
        return this;
    }

    /** Every answer from now on goes out in {@code Content-Encoding: gzip}, asked for or not (some servers do). */
    public FakeUpstream gzipAnswers() {
        gzipAnswers = true;
        return this;
    }

    private record Failure(int status, String message, Map<String, String> headers) {
        Failure(int status, String message) {
            this(status, message, Map.of());
        }

        Answer answer(String path) {
            if (status == 204) {
                return new Answer(204, null, "");
            }
            return ErrorAnswers.of(path, status, message).withHeaders(headers);
        }
    }

    /** Holds streams after their first chunk until released; see {@link #pauseStreamsAfterFirstChunk()}. */
    public static final class StreamPause {
        static final StreamPause NONE = released();

        private final CountDownLatch released = new CountDownLatch(1);
        private final CountDownLatch firstChunkSent = new CountDownLatch(1);

        private StreamPause() {
        }

        private static StreamPause released() {
            StreamPause p = new StreamPause();
            p.release();
            return p;
        }

        /** Waits (up to 30 seconds) until a stream has sent its first chunk and is held; false if none came. */
        public boolean awaitFirstChunk() throws InterruptedException {
            return firstChunkSent.await(30, TimeUnit.SECONDS);
        }

        /** Lets the held streams, and every later one, go on. */
        public void release() {
            released.countDown();
        }

        void holdFirstChunk() {
            firstChunkSent.countDown();
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "FakeUpstream[" + url() + ", " + calls() + " calls]";
    }
}

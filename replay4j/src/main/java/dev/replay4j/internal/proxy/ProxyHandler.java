// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.replay4j.ApiFamily;
import dev.replay4j.Mode;
import dev.replay4j.internal.api.Endpoints;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.JsonFormatException;
import dev.replay4j.internal.json.PythonJson;
import dev.replay4j.internal.key.KeyVersion;
import dev.replay4j.internal.key.RequestKey;
import dev.replay4j.internal.recording.ApiTypes;
import dev.replay4j.internal.recording.ModelLists;
import dev.replay4j.internal.recording.RecordedRequest;
import dev.replay4j.internal.recording.RecordedResponse;
import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.recording.RecordingFormatException;
import dev.replay4j.internal.recording.ResponseBodies;
import dev.replay4j.internal.store.Lookup;
import dev.replay4j.internal.store.Match;
import dev.replay4j.internal.store.RecordingStore;
import dev.replay4j.internal.usage.UsageReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves one exchange: finds the test id, then replays, records or passes through by mode. */
final class ProxyHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    /** Headers the JDK client sets itself or refuses, and hop-by-hop headers that must not be forwarded. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings", "accept-encoding",
            "x-replay4j-test-id");
    private static final Set<String> NOT_RETURNED = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "content-encoding", ":status");

    private final ProxyConfig config;
    private final RecordingStore store;
    private final Supplier<HttpClient> client;
    private final Misses misses;
    private final UsageReport usage;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AnswerCache answers = new AnswerCache(AnswerCache.DEFAULT_MAX_BYTES);
    private final KeyMemo keyMemo = new KeyMemo(KeyMemo.DEFAULT_MAX_BYTES);
    private volatile boolean shuttingDown;

    ProxyHandler(ProxyConfig config, RecordingStore store, Supplier<HttpClient> client,
                 Misses misses, UsageReport usage) {
        this.misses = misses;
        this.usage = usage;
        this.config = config;
        this.store = store;
        this.client = client;
    }

    /** Raised to drop the connection without ending the response, so that the client sees it broken. */
    private static final class AbortConnection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AbortConnection(String message) {
            super(message, null, false, false);
        }
    }

    /** A request ready to be served. */
    private record Call(String method, String path, String rawQuery, String testId, byte[] body, JsonNode json, ApiFamily family) {
        Lookup lookup(String upstreamBase) {
            return new Lookup(method, path, json, testId, upstreamBase);
        }
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        inFlight.incrementAndGet();
        boolean abort = false;
        try {
            serve(ex);
        } catch (AbortConnection e) {
            abort = true;
            LOG.warn("replay4j: {} {}: {}", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e.getMessage());
            throw e; // the server drops the connection: the client must not take a cut stream as complete
        } catch (IOException e) {
            // The client went away (a reset or a closed socket): routine for a test that stops reading. Rethrown,
            // because only then does the JDK server close the connection: after a cut fixed-length write,
            // HttpExchange.close() is a no-op and the socket would leak.
            abort = true;
            LOG.info("replay4j: {} {}: the client went away before the end of the answer ({})", ex.getRequestMethod(),
                    ex.getRequestURI().getRawPath(), e.getMessage());
            throw e;
        } catch (Exception e) {
            LOG.error("replay4j: {} {} failed", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e);
            trySendError(ex, Endpoints.familyOf(ex.getRequestURI().getRawPath()), 500, "replay4j_internal_error",
                    "replay4j failed on this request: " + e);
        } finally {
            if (!abort) {
                ex.close();
            }
            inFlight.decrementAndGet();
        }
    }

    private void serve(HttpExchange ex) throws IOException {
        String rawPath = ex.getRequestURI().getRawPath();
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = rawPath;
        String testId;
        try {
            String prefixed = null;
            if (rawPath.startsWith(ProxyServer.TEST_PREFIX)) {
                String rest = rawPath.substring(ProxyServer.TEST_PREFIX.length());
                int slash = rest.indexOf('/');
                prefixed = PercentCoding.decode(slash < 0 ? rest : rest.substring(0, slash));
                path = slash < 0 ? "/" : rest.substring(slash);
            }
            testId = prefixed != null ? (prefixed.isEmpty() ? null : prefixed) : testIdFromHeaders(ex.getRequestHeaders());
            if (testId != null) {
                store.folderFor(testId);
            }
        } catch (IllegalArgumentException e) { // InvalidTestIdException, or bad percent-encoding
            sendError(ex, Endpoints.familyOf(path), 400, "replay4j_invalid_test_id", e.getMessage());
            return;
        }
        ApiFamily family = Endpoints.familyOf(path);
        if (shuttingDown) {
            sendError(ex, family, 503, "replay4j_shutting_down", "replay4j is shutting down");
            return;
        }
        byte[] body = readBody(ex, family);
        if (body == null) {
            return;
        }
        String rawQuery = ex.getRequestURI().getRawQuery();
        if (config.mode() == Mode.LIVE) {
            forward(ex, new Call(method, path, rawQuery, testId, body, null, family), false);
            return;
        }
        boolean replays = config.mode() == Mode.REPLAY || config.mode() == Mode.RECORD_IF_MISSING;
        KeyMemo.Request memoKey = null;
        List<RequestKey> known = null; // null: never seen; empty: seen once; else every candidate key
        if (replays && !Endpoints.isModelList(path)) {
            memoKey = new KeyMemo.Request(method, path, testId, config.upstreams().forPath(path), body);
            known = keyMemo.get(memoKey);
            if (known != null && !known.isEmpty()) {
                var match = store.find(testId, known);
                if (match.isPresent()) {
                    replay(ex, new Call(method, path, rawQuery, testId, body, null, family), match.get());
                    return;
                }
                // not there (any more): the full lookup below explains the miss or records
            }
        }
        JsonNode json;
        try {
            json = isBlank(body) ? Json.object() : Json.parse(body);
        } catch (JsonFormatException e) {
            sendError(ex, family, 400, "replay4j_body_not_json", "replay4j keys requests by their JSON body, but the body of "
                    + method + " " + path + " is not JSON: " + e.getMessage() + ". Calls with other bodies work in mode live only.");
            return;
        }
        config.secrets().redactBody(json);
        Call call = new Call(method, path, rawQuery, testId, body, json, family);
        String upstreamBase = config.upstreams().forPath(path);
        Lookup lookup = call.lookup(upstreamBase);

        if (replays) {
            if (Endpoints.isModelList(path)) {
                List<Match> lists = store.findModelLists(lookup);
                if (!lists.isEmpty()) {
                    replayModelLists(ex, call, lists);
                    return;
                }
            } else {
                Optional<Match> match;
                if (known != null && known.isEmpty()) {
                    // The second time this exact request comes: worth computing every candidate key once.
                    List<RequestKey> keys = store.candidateKeys(lookup);
                    keyMemo.put(memoKey, keys);
                    match = store.find(testId, keys);
                } else {
                    if (known == null) {
                        keyMemo.put(memoKey, List.of()); // the first time: only the keys the probes need
                    }
                    match = store.find(lookup);
                }
                if (match.isPresent()) {
                    replay(ex, call, match.get());
                    return;
                }
            }
            if (config.mode() == Mode.REPLAY) {
                miss(ex, call, lookup);
                return;
            }
        }
        try {
            // Refuse before calling the upstream: its answer could not be written.
            store.checkWritable(Endpoints.isModelList(path) ? store.fallbackFolder() : store.folderFor(testId));
        } catch (IOException e) {
            sendError(ex, family, 500, "replay4j_write_refused", "replay4j will not record " + method + " " + path + ": "
                    + e.getMessage());
            return;
        }
        forward(ex, call, true);
    }

    private String testIdFromHeaders(Headers headers) {
        String header = headers.getFirst(ProxyServer.TEST_ID_HEADER);
        if (header != null) {
            String id = PercentCoding.decode(header.trim());
            return id.isEmpty() ? null : id;
        }
        String providerData = headers.getFirst("X-LlamaStack-Provider-Data");
        if (providerData != null) {
            try {
                JsonNode data = Json.parse(providerData);
                JsonNode id = data.get("__test_id");
                if (id != null && id.isTextual()) {
                    return id.textValue();
                }
            } catch (JsonFormatException e) {
                throw new IllegalArgumentException("X-LlamaStack-Provider-Data is not a JSON object: " + e.getMessage());
            }
        }
        return config.attribution().testId();
    }

    private byte[] readBody(HttpExchange ex, ApiFamily family) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        long max = config.maxBodyBytes();
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > max) {
                    tooLarge(ex, family, length.trim() + " bytes");
                    return null;
                }
            } catch (NumberFormatException e) {
                sendError(ex, family, 400, "replay4j_bad_request", "Content-Length is not a number: " + length);
                return null;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length != null ? (int) Math.min(Long.parseLong(length.trim()), 1 << 20) : 1024);
        byte[] buffer = new byte[16384];
        try (InputStream in = ex.getRequestBody()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > max) {
                    tooLarge(ex, family, "more than " + max + " bytes");
                    return null;
                }
            }
        }
        return out.toByteArray();
    }

    private void tooLarge(HttpExchange ex, ApiFamily family, String size) throws IOException {
        sendError(ex, family, 413, "replay4j_body_too_large", "the request body (" + size + ") is larger than replay4j's limit of "
                + config.maxBodyBytes() + " bytes (serve --max-body-bytes)");
    }

    // ---- replay

    private void replay(HttpExchange ex, Call call, Match match) throws IOException {
        Path file = match.file();
        AnswerCache.Version version;
        try {
            version = AnswerCache.Version.of(file); // read before the content: a newer content is read again next time
        } catch (IOException e) {
            version = null; // gone since the lookup: load says so as before
        }
        AnswerCache.Answer answer = version != null ? answers.get(file, version) : null;
        if (answer == null) {
            Recording recording;
            try {
                recording = store.load(file);
            } catch (IOException e) {
                LOG.error("replay4j: cannot read {}: {}", store.relativeName(file), e.toString());
                sendError(ex, call.family, 500, "replay4j_unreadable_recording", "replay4j found the recording for this request, "
                        + store.relativeName(file) + ", but cannot read it: " + describe(e));
                return;
            } catch (RecordingFormatException e) {
                LOG.error("replay4j: broken recording: {}", e.getMessage());
                sendError(ex, call.family, 500, "replay4j_broken_recording", "replay4j found the recording for this request, but it"
                        + " cannot be read: " + e.getMessage() + ". Fix or delete the file, or record it again.");
                return;
            }
            answer = answer(recording, store.relativeName(file));
            if (version != null) {
                answers.put(file, version, answer);
            }
        }
        ex.getResponseHeaders().set("X-Replay4j-Recording", headerValue(answer.recordingName()));
        usage.served(answer.recordingName(), match.key().hex());
        send(ex, answer.status(), answer.contentType(), answer.body());
    }

    /** The bytes a recording is replayed as. */
    private static AnswerCache.Answer answer(Recording recording, String name) throws IOException {
        RecordedResponse response = recording.response();
        String endpoint = recording.request().endpoint();
        if (response.isError()) {
            return new AnswerCache.Answer(response.status(), "application/json",
                    ApiErrors.recorded(response.exceptionData().get("body")), name);
        } else if (response.streaming() && response.body().isArray()) {
            return replayStream(endpoint, response.body(), name);
        } else {
            JsonNode wire = ResponseBodies.wire(endpoint, response.body());
            if (wire.isTextual()) {
                return new AnswerCache.Answer(200, "text/plain; charset=utf-8", wire.textValue().getBytes(StandardCharsets.UTF_8), name);
            } else {
                return new AnswerCache.Answer(200, "application/json", Json.write(wire).getBytes(StandardCharsets.UTF_8), name);
            }
        }
    }

    private static AnswerCache.Answer replayStream(String endpoint, JsonNode chunks, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        String contentType;
        if (ResponseBodies.isRawLines(chunks)) {
            boolean sse = false;
            for (JsonNode line : chunks) {
                String text = line.asText();
                sse |= text.startsWith("data:") || text.startsWith("event:");
                out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            }
            contentType = sse ? StreamFormat.SSE.contentType() : StreamFormat.NDJSON.contentType();
        } else {
            StreamFormat format = formatOf(chunks, endpoint);
            for (JsonNode chunk : chunks) {
                out.write(format.encode(ApiTypes.unwrap(chunk)));
            }
            out.write(format.end());
            contentType = format.contentType();
        }
        return new AnswerCache.Answer(200, contentType, out.toByteArray(), name);
    }

    private static StreamFormat formatOf(JsonNode chunks, String endpoint) {
        JsonNode type = chunks.size() > 0 ? chunks.get(0).get(ApiTypes.TYPE) : null;
        if (type != null && type.isTextual()) {
            return type.textValue().startsWith("ollama.") ? StreamFormat.NDJSON : StreamFormat.SSE;
        }
        return Endpoints.familyOf(endpoint) == ApiFamily.OLLAMA ? StreamFormat.NDJSON : StreamFormat.SSE;
    }

    private void replayModelLists(HttpExchange ex, Call call, List<Match> lists) throws IOException {
        String field = Endpoints.modelIdField(call.path);
        Map<String, JsonNode> merged = new TreeMap<>(PythonJson.CODE_POINT_ORDER);
        for (Match list : lists) {
            try {
                usage.served(store.relativeName(list.file()), list.key().hex());
                for (JsonNode entry : ModelLists.entries(store.load(list.file()).response().body())) {
                    JsonNode model = ApiTypes.unwrap(entry);
                    JsonNode id = model.get(field);
                    if (id != null && id.isTextual()) {
                        merged.putIfAbsent(id.textValue(), model);
                    }
                }
            } catch (RecordingFormatException e) {
                LOG.error("replay4j: broken model list skipped: {}", e.getMessage());
            }
        }
        ex.getResponseHeaders().set("X-Replay4j-Recording", lists.size() + " model lists merged");
        byte[] body = Json.write(ResponseBodies.modelList(call.path, new ArrayList<>(merged.values()))).getBytes(StandardCharsets.UTF_8);
        send(ex, 200, "application/json", body);
    }

    private void miss(HttpExchange ex, Call call, Lookup lookup) throws IOException {
        List<RequestKey> keys = store.candidateKeys(lookup);
        String message = MissReport.explain(config.mode(), lookup, keys, store);
        usage.missed(call.method, call.path, call.testId, keys.get(0).hex());
        LOG.warn("{}", message);
        misses.add(call.testId, message);
        ex.getResponseHeaders().set("X-Replay4j-Miss", "true");
        sendError(ex, call.family, 404, "replay4j_recording_not_found", message);
    }

    // ---- record and live

    private void forward(HttpExchange ex, Call call, boolean record) throws IOException {
        String base = config.upstreams().forPath(call.path);
        if (base == null) {
            sendError(ex, call.family, 502, "replay4j_no_upstream", "replay4j has no upstream for " + call.path
                    + " (mode " + config.mode() + "): give --upstream URL or --upstream " + familyHint(call.family) + "=URL");
            return;
        }
        String url = base + (call.path.startsWith("/") ? call.path : "/" + call.path)
                + (call.rawQuery != null ? "?" + call.rawQuery : "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(config.requestTimeout());
        ex.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        request.method(call.method, call.body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(call.body));
        HttpResponse<InputStream> response;
        try {
            response = client.get().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            LOG.warn("replay4j: upstream {} did not answer {} {}: {}; nothing recorded", base, call.method, call.path, describe(e));
            sendError(ex, call.family, 502, "replay4j_upstream_unreachable", "replay4j could not reach the upstream " + url
                    + " (mode " + config.mode() + "): " + describe(e) + "; nothing was recorded");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AbortConnection("interrupted while calling the upstream " + url);
        }
        int status = response.statusCode();
        String contentType = response.headers().firstValue("content-type").orElse(null);
        response.headers().map().forEach((name, values) -> {
            if (!NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> ex.getResponseHeaders().add(name, v));
            }
        });
        StreamFormat stream = status < 400 ? StreamFormat.ofContentType(contentType) : null;
        if (stream != null) {
            streamThrough(ex, call, url, status, stream, response.body(), record);
            return;
        }
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            LOG.warn("replay4j: upstream {} broke off its answer to {} {}: {}; nothing recorded", base, call.method, call.path, describe(e));
            sendError(ex, call.family, 502, "replay4j_upstream_broke_off", "the upstream " + url + " broke off its answer: "
                    + describe(e) + "; nothing was recorded");
            return;
        }
        if (record && !save(ex, call, recording(call, url, ex, status >= 400
                ? errorResponse(status, bytes) : wholeResponse(call, url, bytes)))) {
            return;
        }
        send(ex, status, null, bytes);
    }

    private void streamThrough(HttpExchange ex, Call call, String url, int status, StreamFormat format, InputStream upstream,
                               boolean record) throws IOException {
        ex.sendResponseHeaders(status, 0);
        OutputStream out = ex.getResponseBody();
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        try (InputStream in = upstream) {
            LineReader reader = new LineReader(in);
            byte[] raw;
            while (true) {
                try {
                    raw = reader.next();
                } catch (IOException e) {
                    throw new AbortConnection("the upstream " + url + " broke off mid-stream after " + lines.size()
                            + " lines (" + describe(e) + "); nothing recorded");
                }
                if (raw == null) {
                    break;
                }
                String line = LineReader.text(raw);
                lines.add(line);
                if (record && (held.size() > 0 || format.isTerminal(line))) {
                    held.write(raw);
                    continue;
                }
                try {
                    out.write(raw);
                    out.flush();
                } catch (IOException e) {
                    throw new AbortConnection("the client hung up mid-stream after " + lines.size() + " lines ("
                            + describe(e) + "); nothing recorded");
                }
            }
        }
        if (record) {
            Recording recording = recording(call, url, ex, streamResponse(call, url, format, lines));
            Path file;
            try {
                file = store.save(recording);
            } catch (IOException | RuntimeException e) {
                throw new AbortConnection("could not write the recording: " + describe(e));
            }
            LOG.info("replay4j: recorded {} {} -> {}", call.method, call.path, store.relativeName(file));
            usage.recorded(store.relativeName(file), RecordingStore.keyOf(recording).hex());
        }
        try {
            held.writeTo(out);
            out.close();
        } catch (IOException e) {
            LOG.warn("replay4j: the client hung up before the end of {} {}: {}", call.method, call.path, describe(e));
        }
    }

    private RecordedResponse wholeResponse(Call call, String url, byte[] bytes) {
        String shortKey = key(call, url).shortHex();
        JsonNode parsed = parseOrNull(bytes);
        return RecordedResponse.of(parsed != null ? ResponseBodies.stored(call.path, parsed, shortKey)
                : TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8)), false);
    }

    private static RecordedResponse errorResponse(int status, byte[] bytes) {
        JsonNode parsed = parseOrNull(bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);
        JsonNode body = parsed == null ? TextNode.valueOf(text)
                : parsed.isObject() && parsed.has("error") ? parsed.get("error") : parsed;
        String message = "Error code: " + status + " - " + (parsed != null ? Json.write(parsed) : text);
        ObjectNode data = Json.object();
        data.put("status_code", status);
        data.set("body", body);
        data.put("message", message);
        return RecordedResponse.error(data, message);
    }

    private RecordedResponse streamResponse(Call call, String url, StreamFormat format, List<String> lines) {
        List<JsonNode> chunks = Endpoints.chunkType(call.path) != null ? format.chunks(lines) : null;
        JsonNode body = chunks != null ? ResponseBodies.storedChunks(call.path, chunks, key(call, url).shortHex())
                : ResponseBodies.storedLines(lines);
        return RecordedResponse.of(body, true);
    }

    private Recording recording(Call call, String url, HttpExchange ex, RecordedResponse response) {
        ObjectNode headers = Json.object();
        new TreeMap<>(ex.getRequestHeaders()).forEach((name, values) -> {
            if (config.secrets().isRecordable(name)) {
                headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values));
            }
        });
        // The key hashes only the URL's path, so a credential in its user info or query can go without changing it.
        RecordedRequest request = new RecordedRequest(call.method, Secrets.recordableUrl(url), headers, call.json, call.path,
                RecordedRequest.modelOf(call.json));
        return new Recording(call.testId, request, response);
    }

    private boolean save(HttpExchange ex, Call call, Recording recording) throws IOException {
        try {
            Path file = store.save(recording);
            LOG.info("replay4j: recorded {} {} -> {}", call.method, call.path, store.relativeName(file));
            usage.recorded(store.relativeName(file), RecordingStore.keyOf(recording).hex());
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("replay4j: could not write the recording of {} {}", call.method, call.path, e);
            sendError(ex, call.family, 500, "replay4j_write_failed", "replay4j could not write the recording of "
                    + call.method + " " + call.path + ": " + describe(e));
            return false;
        }
    }

    private static RequestKey key(Call call, String url) {
        return RequestKey.compute(call.method, url, call.json, call.testId, KeyVersion.V2);
    }

    // ---- helpers

    /**
     * A header value that is safe to send: the JDK server writes each char as one byte, so a test id holding
     * U+010D would become a CR; everything outside printable ASCII is percent-encoded.
     */
    static String headerValue(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '%') {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            int cp = s.codePointAt(i);
            out.append(PercentCoding.encode(new String(Character.toChars(cp))));
            i += Character.charCount(cp) - 1;
        }
        return out == null ? s : out.toString();
    }

    private static String familyHint(ApiFamily family) {
        return family == ApiFamily.OTHER ? "openai" : family.cliName();
    }

    private static JsonNode parseOrNull(byte[] bytes) {
        try {
            return isBlank(bytes) ? null : Json.parse(bytes);
        } catch (JsonFormatException e) {
            return null;
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String describe(Throwable e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message != null ? ": " + message : "");
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void sendError(HttpExchange ex, ApiFamily family, int status, String type, String message) throws IOException {
        ex.getResponseHeaders().set("X-Replay4j-Error", type);
        send(ex, status, "application/json", ApiErrors.body(family, type, message));
    }

    private static void trySendError(HttpExchange ex, ApiFamily family, int status, String type, String message) {
        try {
            if (ex.getResponseCode() < 0) {
                sendError(ex, family, status, type, message);
            }
        } catch (IOException | RuntimeException ignored) {
            // the response had started or the client is gone; the log line says what happened
        }
    }

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

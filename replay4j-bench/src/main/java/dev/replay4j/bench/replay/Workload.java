// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.bench.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.Layout;
import dev.replay4j.ReplayProxy;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.recording.RecordedRequest;
import dev.replay4j.internal.recording.RecordedResponse;
import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.recording.RecordingFormat;
import dev.replay4j.internal.store.RecordingStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The workload: chat completions of the conformance sample (streaming and not), as recordings in the java
 * layout with no test id ({@code <dir>/_shared/<key>.json}), made by the library itself.
 *
 * <p>A fixed base of sample exchanges, spread evenly over the sample, is repeated with a varied field
 * ({@code "user": "bench-<n>"}) to reach any count: recording {@code n} is base exchange {@code n % base}.
 * So the mix of bodies and answers (sizes, streaming or not) is the same at 100, 1,000 and 3,000
 * recordings, and only the count changes.
 */
final class Workload {
    static final String PATH = "/v1/chat/completions";

    /** One sample exchange: its request body and stored response. */
    record Exchange(String file, ObjectNode body, JsonNode storedBody, boolean streaming) {
    }

    /** The recordings of one workload: their folder, request bodies, and what replay4j answers each. */
    record Built(Path dir, int count, List<byte[]> bodies, List<byte[]> answers, List<String> contentTypes, int streaming) {
    }

    private Workload() {
    }

    /** {@code size} chat completions of the sample, spread evenly over the replayable ones, errors left out. */
    static List<Exchange> base(Path sample, int size) throws IOException, dev.replay4j.internal.json.JsonFormatException,
            dev.replay4j.internal.recording.RecordingFormatException {
        List<Exchange> all = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(sample.resolve("expected-replay.jsonl"))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode entry = Json.parse(line);
                if (!entry.path("path").asText().equals(PATH) || !entry.path("method").asText().equals("POST")) {
                    continue;
                }
                String file = entry.path("file").asText();
                Recording r = RecordingFormat.read(Files.readAllBytes(sample.resolve(file)), file);
                if (r.response().isError() || !r.request().body().isObject()) {
                    continue;
                }
                all.add(new Exchange(file, (ObjectNode) r.request().body(), r.response().body(), r.response().streaming()));
            }
        }
        all.sort((a, b) -> a.file().compareTo(b.file()));
        if (all.size() < size) {
            throw new IllegalStateException("the sample has " + all.size() + " chat completions, fewer than " + size);
        }
        List<Exchange> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(all.get((int) ((long) i * all.size() / size)));
        }
        return out;
    }

    /** Writes {@code count} recordings into a fresh {@code dir} and asks an in-process replay4j what it answers each. */
    static Built build(Path dir, List<Exchange> base, int count) throws IOException, InterruptedException {
        if (Files.exists(dir)) {
            throw new IllegalStateException(dir + " exists; the harness starts from an empty folder");
        }
        RecordingStore store = new RecordingStore(dir, Layout.JAVA);
        List<byte[]> bodies = new ArrayList<>(count);
        Set<Path> files = new HashSet<>();
        int streaming = 0;
        for (int n = 0; n < count; n++) {
            Exchange e = base.get(n % base.size());
            ObjectNode body = e.body().deepCopy();
            body.put("user", "bench-" + n);
            RecordedRequest request = new RecordedRequest("POST", PATH, Json.object(), body, PATH, RecordedRequest.modelOf(body));
            files.add(store.save(new Recording(null, request, RecordedResponse.of(e.storedBody(), e.streaming()))));
            bodies.add(body.toString().getBytes(StandardCharsets.UTF_8));
            streaming += e.streaming() ? 1 : 0;
        }
        if (files.size() != count) {
            throw new IllegalStateException("only " + files.size() + " distinct keys for " + count + " bodies");
        }
        List<byte[]> answers = new ArrayList<>(count);
        List<String> types = new ArrayList<>(count);
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            for (byte[] body : bodies) {
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(proxy.url() + PATH))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("replay4j did not replay a workload body: HTTP " + r.statusCode() + ": "
                            + new String(r.body(), StandardCharsets.UTF_8));
                }
                answers.add(r.body());
                types.add(r.headers().firstValue("content-type").orElse("application/json"));
            }
        }
        return new Built(dir, count, bodies, answers, types, streaming);
    }

    /** The same exchanges as WireMock stubs: POST on the path, body matched with equalToJson, the same answer. */
    static void writeWireMockStubs(Built w, Path root) throws IOException {
        Path mappings = root.resolve("mappings");
        Files.createDirectories(mappings);
        Files.createDirectories(root.resolve("__files"));
        for (int i = 0; i < w.count(); i++) {
            ObjectNode stub = Json.object();
            ObjectNode request = stub.putObject("request");
            request.put("method", "POST");
            request.put("url", PATH);
            request.putArray("bodyPatterns").addObject().put("equalToJson", new String(w.bodies().get(i), StandardCharsets.UTF_8));
            ObjectNode response = stub.putObject("response");
            response.put("status", 200);
            response.putObject("headers").put("Content-Type", w.contentTypes().get(i));
            response.put("body", new String(w.answers().get(i), StandardCharsets.UTF_8));
            Files.write(mappings.resolve("stub-" + i + ".json"), stub.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The answer whose size is nearest the workload's mean: the bare server's fixed body, as many bytes per answer. */
    static byte[] typicalAnswer(Built w) {
        double mean = meanAnswerBytes(w);
        byte[] best = w.answers().get(0);
        for (byte[] a : w.answers()) {
            if (Math.abs(a.length - mean) < Math.abs(best.length - mean)) {
                best = a;
            }
        }
        return best;
    }

    static double meanAnswerBytes(Built w) {
        long total = 0;
        for (byte[] a : w.answers()) {
            total += a.length;
        }
        return (double) total / w.answers().size();
    }
}

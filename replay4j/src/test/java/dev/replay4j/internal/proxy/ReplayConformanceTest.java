// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.Layout;
import dev.replay4j.ReplayProxy;
import dev.replay4j.fakeupstream.testing.Http;
import dev.replay4j.fakeupstream.testing.SharedData;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.key.UrlParts;
import dev.replay4j.internal.recording.ApiTypes;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The public llama-stack sample, served by the proxy and read back over real sockets, as the API would send it. */
@Timeout(120)
class ReplayConformanceTest {

    @Test
    void every_expected_replay_comes_back_on_the_wire_as_recorded() throws Exception {
        Path root = SharedData.llamaStack();
        List<String> lines = Files.readAllLines(root.resolve("expected-replay.jsonl"), StandardCharsets.UTF_8);
        List<String> failures = new ArrayList<>();
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(root).layout(Layout.LLAMA_STACK).build().start()) {
            for (int i = 0; i < lines.size(); i++) {
                JsonNode e = Json.parse(lines.get(i));
                String file = e.get("file").textValue();
                JsonNode recording = Json.parse(Files.readAllBytes(root.resolve(file)));
                String testId = e.get("test_id").isNull() ? null : e.get("test_id").textValue();
                // Alternate the two ways a test id travels: the path prefix and the header.
                String base = testId != null && i % 2 == 0 ? proxy.baseUrl(testId) : proxy.url().toString();
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + e.get("path").textValue()))
                        .method(e.get("method").textValue(), HttpRequest.BodyPublishers.ofString(recording.at("/request/body").toString()));
                if (testId != null && i % 2 == 1) {
                    request.header(ReplayProxy.TEST_ID_HEADER, percentEncoded(testId));
                }
                HttpResponse<String> response = Http.send(request);
                String problem = check(e.get("wire").textValue(), recording, response);
                if (problem == null && !file.equals(response.headers().firstValue("X-Replay4j-Recording").orElse(""))) {
                    problem = "served " + response.headers().firstValue("X-Replay4j-Recording").orElse("nothing");
                }
                if (problem != null) {
                    failures.add(file + ": " + problem);
                }
            }
        }
        assertThat(lines).hasSize(452);
        assertThat(failures).isEmpty();
    }

    @Test
    void recordings_of_azure_ibm_and_bedrock_replay_when_their_upstream_is_named() throws Exception {
        Path root = SharedData.llamaStack();
        Map<String, List<String>> byUpstream = new LinkedHashMap<>();
        for (String line : Files.readAllLines(root.resolve("expected-verify.jsonl"), StandardCharsets.UTF_8)) {
            JsonNode v = Json.parse(line);
            String verdict = v.get("verdict").textValue();
            if (!v.get("kind").textValue().equals("inference") || !(verdict.equals("current") || verdict.equals("legacy"))) {
                continue;
            }
            String file = v.get("file").textValue();
            JsonNode request = Json.parse(Files.readAllBytes(root.resolve(file))).get("request");
            String url = request.get("url").textValue();
            String endpoint = request.get("endpoint").textValue();
            if (url.contains("azure.com") || url.contains("ibm.com") || url.contains("bedrock")) {
                String path = UrlParts.of(url).path();
                String upstream = url.substring(0, url.indexOf(path)) + path.substring(0, path.length() - endpoint.length());
                byUpstream.computeIfAbsent(upstream, k -> new ArrayList<>()).add(file);
            }
        }
        assertThat(byUpstream.keySet()).anyMatch(u -> u.endsWith("/openai/v1")).anyMatch(u -> u.endsWith("/ml/v1"))
                .anyMatch(u -> u.contains("bedrock"));
        List<String> failures = new ArrayList<>();
        int replayed = 0;
        for (Map.Entry<String, List<String>> group : byUpstream.entrySet()) {
            try (ReplayProxy proxy = ReplayProxy.builder().recordings(root).layout(Layout.LLAMA_STACK).upstream(group.getKey()).build().start()) {
                for (String file : group.getValue()) {
                    JsonNode recording = Json.parse(Files.readAllBytes(root.resolve(file)));
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(proxy.url() + recording.at("/request/endpoint").textValue()))
                            .POST(HttpRequest.BodyPublishers.ofString(recording.at("/request/body").toString()));
                    if (recording.hasNonNull("test_id")) {
                        request.header(ReplayProxy.TEST_ID_HEADER, percentEncoded(recording.get("test_id").textValue()));
                    }
                    HttpResponse<String> response = Http.send(request);
                    String wire = recording.at("/response/is_exception").asBoolean() ? "error"
                            : recording.at("/response/is_streaming").asBoolean() ? "sse" : "json";
                    String problem = check(wire, recording, response);
                    if (problem != null) {
                        failures.add(file + " (upstream " + group.getKey() + "): " + problem);
                    }
                    replayed++;
                }
            }
        }
        assertThat(replayed).isGreaterThan(100);
        assertThat(failures).isEmpty();
    }

    @Test
    void the_seed_recording_replays_from_a_fallback_folder_to_a_request_without_test_id(@TempDir Path dir) throws Exception {
        Path seed;
        try (var files = Files.list(SharedData.llamaStack().resolve("seed"))) {
            seed = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        Path fallback = dir.resolve("tests/integration/common/recordings");
        Files.createDirectories(fallback);
        Files.copy(seed, fallback.resolve(seed.getFileName()));
        JsonNode recording = Json.parse(Files.readAllBytes(seed));
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).layout(Layout.LLAMA_STACK).build().start()) {
            HttpResponse<String> response = Http.post(proxy.url() + "/v1/chat/completions", recording.at("/request/body").toString());
            assertThat(check("sse", recording, response)).isNull();
            assertThat(response.body()).contains("\"content\":\"In\"");
        }
    }

    /** Null when the answer is what the recording holds, sent as {@code wire} says; else what differs. */
    static String check(String wire, JsonNode recording, HttpResponse<String> response) throws Exception {
        JsonNode body = recording.at("/response/body");
        String contentType = response.headers().firstValue("content-type").orElse("");
        switch (wire) {
            case "json":
                if (response.statusCode() != 200 || !contentType.startsWith("application/json")) {
                    return "status " + response.statusCode() + ", " + contentType + ": " + abbreviate(response.body());
                }
                return Json.parse(response.body()).equals(ApiTypes.unwrap(body)) ? null : "a different body: " + abbreviate(response.body());
            case "sse": {
                if (response.statusCode() != 200 || !contentType.startsWith("text/event-stream")) {
                    return "status " + response.statusCode() + ", " + contentType + ": " + abbreviate(response.body());
                }
                List<String> events = response.body().lines().filter(l -> !l.isEmpty()).toList();
                if (events.size() != body.size() + 1 || !events.get(events.size() - 1).equals("data: [DONE]")) {
                    return events.size() + " events for " + body.size() + " chunks";
                }
                for (int i = 0; i < body.size(); i++) {
                    if (!events.get(i).startsWith("data: ") || !Json.parse(events.get(i).substring(6)).equals(ApiTypes.unwrap(body.get(i)))) {
                        return "chunk " + i + " differs: " + abbreviate(events.get(i));
                    }
                }
                return null;
            }
            case "ndjson": {
                List<String> lines = response.body().lines().filter(l -> !l.isEmpty()).toList();
                if (!contentType.startsWith("application/x-ndjson") || lines.size() != body.size()) {
                    return contentType + ", " + lines.size() + " lines for " + body.size() + " chunks";
                }
                for (int i = 0; i < body.size(); i++) {
                    if (!Json.parse(lines.get(i)).equals(ApiTypes.unwrap(body.get(i)))) {
                        return "chunk " + i + " differs";
                    }
                }
                return null;
            }
            case "error": {
                int status = recording.at("/response/exception_data/status_code").asInt();
                JsonNode expected = recording.at("/response/exception_data/body");
                if (response.statusCode() != status) {
                    return "status " + response.statusCode() + " for recorded " + status + ": " + abbreviate(response.body());
                }
                return Json.parse(response.body()).get("error").equals(expected) ? null : "a different error body: " + abbreviate(response.body());
            }
            default:
                return "unknown wire " + wire;
        }
    }

    /** A test id as the header carries it: percent-encoded UTF-8 (a space as %20, never +). */
    private static String percentEncoded(String testId) {
        return URLEncoder.encode(testId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}

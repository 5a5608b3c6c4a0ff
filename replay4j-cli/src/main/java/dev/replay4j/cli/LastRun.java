// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.JsonFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the usage reports given to {@code ui --usage} say of the last run: served, recorded, missed. */
final class LastRun {
    private final Map<String, String> use = new TreeMap<>();
    private final List<JsonNode> missed = new ArrayList<>();

    static LastRun read(List<Path> reports) throws IOException {
        LastRun run = new LastRun();
        for (Path file : reports) {
            JsonNode report;
            try {
                report = Json.parse(Files.readAllBytes(file));
            } catch (JsonFormatException e) {
                throw CliFailure.usage("replay4j ui: --usage " + file + " is not a usage report: " + e.getMessage());
            }
            if (!report.path("served").isArray()) {
                throw CliFailure.usage("replay4j ui: --usage " + file + " is not a replay4j usage report (no \"served\" list)");
            }
            report.path("recorded").forEach(e -> run.use.put(e.path("file").asText(), "recorded"));
            report.path("served").forEach(e -> run.use.putIfAbsent(e.path("file").asText(), "served"));
            report.path("missed").forEach(run.missed::add);
        }
        return run;
    }

    /** {@code served}, {@code recorded} or {@code unused} (what {@code prune} would remove). */
    String useOf(String path) {
        return use.getOrDefault(path, "unused");
    }

    /** The summary the page shows, each miss with the recording nearest to it: same test and endpoint, else same test. */
    ObjectNode toJson(List<IndexedRecording> all) {
        ObjectNode out = Json.object();
        out.put("served", use.values().stream().filter("served"::equals).count());
        out.put("recorded", use.values().stream().filter("recorded"::equals).count());
        out.put("unused", all.stream().filter(r -> useOf(r.path()).equals("unused")).count());
        ArrayNode list = out.putArray("missed");
        for (JsonNode m : missed) {
            String testId = m.path("test_id").isTextual() ? m.get("test_id").textValue() : null;
            String path = m.path("path").asText();
            IndexedRecording nearest = null;
            for (IndexedRecording r : all) {
                boolean sameTest = testId != null && testId.equals(r.testId());
                if (sameTest && path.endsWith(r.endpoint()) && !r.endpoint().isEmpty()) {
                    nearest = r;
                    break;
                }
                if (sameTest && nearest == null) {
                    nearest = r;
                }
            }
            String explanation = "replay4j: no recording for " + m.path("method").asText() + " " + path + " (test id "
                    + (testId == null ? "none" : testId) + ")\n  key: " + m.path("key").asText()
                    + "\n  nearest recording: " + (nearest == null ? "none of this test" : nearest.path())
                    + "\n  (the run's log and its test failure have the full explanation, with the diff of the request)";
            list.addObject().put("method", m.path("method").asText()).put("path", path).put("test_id", testId)
                    .put("key", m.path("key").asText()).put("explanation", explanation).put("nearest", nearest == null ? null : nearest.path());
        }
        return out;
    }
}

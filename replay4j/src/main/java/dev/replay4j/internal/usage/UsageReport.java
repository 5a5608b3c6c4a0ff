// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.JsonFormatException;
import dev.replay4j.internal.recording.RecordingFormat;
import dev.replay4j.internal.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one run did with the recordings: which it served (and how often), which requests missed, which
 * it recorded. {@code replay4j prune} keeps the recordings that some report lists as served or recorded.
 *
 * <pre>
 * {
 *   "version": 1,
 *   "root": "/abs/path/to/recordings",
 *   "mode": "replay",
 *   "served": [{"file": "com/acme/ChatTest/3b1c...e9.json", "key": "3b1c...e9", "count": 2}],
 *   "recorded": [{"file": "com/acme/ChatTest/77aa...01.json", "key": "77aa...01"}],
 *   "missed": [{"method": "POST", "path": "/v1/chat/completions", "test_id": "com.acme.ChatTest::m", "key": "..."}],
 *   "faults": [{"source": "proxy", "fault": "status=429,times=1", "method": "POST", "path": "/v1/chat/completions",
 *               "test_id": "com.acme.ChatTest::m", "count": 1}]
 * }
 * </pre>
 * {@code faults} is there only when some request was given a fault: its source is {@code header}
 * ({@code X-Replay4j-Fault}), {@code test} (set by one test) or {@code proxy} ({@code serve --fault},
 * {@code replay4j.fault}); faulted requests are never recorded.
 * Files are relative to the recordings root, with {@code /}; lists are sorted, so a report diffs well.
 */
public final class UsageReport {
    public static final int VERSION = 1;

    private record Served(String key, int count) {
    }

    private final Path root;
    private final String mode;
    private final Map<String, Served> served = new TreeMap<>();
    private final Map<String, String> recorded = new TreeMap<>();
    private final Set<String> missed = new TreeSet<>();
    private final Map<String, ObjectNode> missedEntries = new TreeMap<>();
    private final Map<String, ObjectNode> faults = new TreeMap<>();

    public UsageReport(Path root, String mode) {
        this.root = root.toAbsolutePath().normalize();
        this.mode = mode;
    }

    public synchronized void served(String file, String key) {
        served.merge(file, new Served(key, 1), (a, b) -> new Served(a.key(), a.count() + 1));
    }

    public synchronized void recorded(String file, String key) {
        recorded.put(file, key);
    }

    public synchronized void missed(String method, String path, String testId, String key) {
        ObjectNode entry = Json.object();
        entry.put("method", method);
        entry.put("path", path);
        entry.put("test_id", testId);
        entry.put("key", key);
        String id = Json.write(entry);
        if (missed.add(id)) {
            missedEntries.put(id, entry);
        }
    }

    /** A request given a fault: counted by source, fault, request and test. */
    public synchronized void faulted(String source, String fault, String method, String path, String testId) {
        ObjectNode entry = Json.object();
        entry.put("source", source);
        entry.put("fault", fault);
        entry.put("method", method);
        entry.put("path", path);
        entry.put("test_id", testId);
        ObjectNode counted = faults.computeIfAbsent(Json.write(entry), k -> entry.put("count", 0));
        counted.put("count", counted.get("count").asInt() + 1);
    }

    public synchronized ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("version", VERSION);
        out.put("root", root.toString());
        out.put("mode", mode);
        ArrayNode s = out.putArray("served");
        served.forEach((file, use) -> s.addObject().put("file", file).put("key", use.key()).put("count", use.count()));
        ArrayNode r = out.putArray("recorded");
        recorded.forEach((file, key) -> r.addObject().put("file", file).put("key", key));
        ArrayNode m = out.putArray("missed");
        missedEntries.values().forEach(m::add);
        if (!faults.isEmpty()) {
            ArrayNode f = out.putArray("faults");
            faults.values().forEach(f::add);
        }
        return out;
    }

    /** Writes the report atomically, in the same layout as recordings. */
    public void writeTo(Path file) throws IOException {
        AtomicFiles.write(file, RecordingFormat.format(toJson()));
    }

    /** The files a report lists as served or recorded, relative to the recordings root. */
    public static Set<String> usedFiles(Path reportFile) throws IOException {
        JsonNode report;
        try {
            report = Json.parse(Files.readAllBytes(reportFile));
        } catch (JsonFormatException e) {
            throw new IOException(reportFile + ": not a usage report: " + e.getMessage());
        }
        if (!report.isObject() || !report.path("served").isArray() || report.path("version").asInt() != VERSION) {
            throw new IOException(reportFile + ": not a replay4j usage report (version " + VERSION
                    + ", with a \"served\" list)");
        }
        Set<String> files = new TreeSet<>();
        for (String list : new String[] {"served", "recorded"}) {
            for (JsonNode entry : report.path(list)) {
                if (entry.path("file").isTextual()) {
                    files.add(entry.get("file").textValue());
                }
            }
        }
        return files;
    }

    /** The recordings root the report was made for. */
    public static String rootOf(Path reportFile) throws IOException {
        try {
            return Json.parse(Files.readAllBytes(reportFile)).path("root").asText("");
        } catch (JsonFormatException e) {
            throw new IOException(reportFile + ": not a usage report: " + e.getMessage());
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.Mode;
import dev.replay4j.internal.json.PythonJson;
import dev.replay4j.internal.key.RequestKey;
import dev.replay4j.internal.recording.RecordingFormat;
import dev.replay4j.internal.store.Lookup;
import dev.replay4j.internal.store.RecordingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The explanation of a replay miss: what was asked, which key, where it looked, the nearest recording
 * there and how its request differs, and how to record the missing one.
 */
final class MissReport {
    private static final int MAX_DIFF_LINES = 12;
    /** The most of a value a line shows: a recording's strings are read no longer than this, plus one. */
    static final int MAX_VALUE_CHARS = 160;
    private static final int MAX_PATH_CHARS = 200;
    /** Enough leaves to tell two real requests apart; a body with more is compared on its first ones. */
    private static final int MAX_LEAVES = 10_000;
    private static final int MAX_NODES = 100_000;

    private MissReport() {
    }

    /** Reads a recording's request for the comparison, or gives {@code null} to pass it over. */
    interface Loader {
        RecordingFormat.RequestPart load(Path file) throws Exception;
    }

    static String explain(Mode mode, Lookup lookup, List<RequestKey> keys, RecordingStore store, MissIndex index, Loader loader) {
        StringBuilder out = new StringBuilder(1024);
        out.append("replay4j: no recording for ").append(lookup.method()).append(' ').append(lookup.path())
                .append(" (mode ").append(mode).append(", test id ")
                .append(lookup.testId() == null ? "none" : lookup.testId()).append(")\n");
        out.append("  key: ").append(keys.get(0).hex());
        if (keys.size() > 1) {
            out.append(" (also tried ").append(keys.size() - 1).append(" more: other key versions, base paths or methods)");
        }
        out.append('\n');
        List<Path> folders = store.searchFolders(lookup.testId());
        out.append("  searched: ");
        for (int i = 0; i < folders.size(); i++) {
            out.append(i > 0 ? ", " : "").append(folders.get(i)).append(Files.isDirectory(folders.get(i)) ? "" : " (missing)");
        }
        out.append('\n');
        Set<String> wanted = leaves(lookup.body());
        Nearest nearest = nearest(lookup, wanted, folders, index, loader);
        if (nearest == null) {
            out.append("  nearest recording: none in those folders\n");
        } else {
            out.append("  nearest recording: ").append(store.relativeName(nearest.file)).append(" (")
                    .append(nearest.method).append(' ').append(nearest.endpoint).append(", test id ")
                    .append(nearest.testId == null ? "none" : nearest.testId).append(")\n");
            out.append("    - is the recording, + is this request:\n");
            List<String> diff = diff(nearest, wanted);
            if (diff.isEmpty()) {
                out.append("    (the bodies are the same: the test id, method or path differs)\n");
            }
            for (String line : diff) {
                out.append("    ").append(line).append('\n');
            }
        }
        out.append("  to record it: run in mode record-if-missing with an upstream (-Dreplay4j.mode=record-if-missing,"
                + " REPLAY4J_MODE=record-if-missing, or replay4j serve --mode record-if-missing --upstream URL)");
        return out.toString();
    }

    /** What the explanation shows of the nearest recording: not its tree, which can be as large as its body. */
    private record Nearest(Path file, String method, String endpoint, String testId, Set<String> leaves) {
    }

    /**
     * The nearest recording, chosen on the index, then read again for its exact lines. A file that cannot be read now
     * (gone, or no memory for it) is forgotten and the next nearest tried, a few times.
     */
    private static Nearest nearest(Lookup lookup, Set<String> wanted, List<Path> folders, MissIndex index, Loader loader) {
        MissIndex.Wanted w = MissIndex.Wanted.of(lookup.method(), lookup.path(), wanted);
        for (int attempt = 0; attempt < 3; attempt++) {
            MissIndex.Found found = index.nearest(w, folders, loader);
            if (found == null) {
                return null;
            }
            RecordingFormat.RequestPart r;
            try {
                r = loader.load(found.file());
            } catch (Exception e) {
                r = null;
            }
            if (r != null) {
                return new Nearest(found.file(), r.method(), r.endpoint(), r.testId(), leaves(r.body()));
            }
            index.forget(found.file());
        }
        return null;
    }

    private static List<String> diff(Nearest nearest, Set<String> wanted) {
        List<String> out = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (String s : nearest.leaves) {
            if (!wanted.contains(s)) {
                removed.add("- " + s);
            }
        }
        for (String s : wanted) {
            if (!nearest.leaves.contains(s)) {
                added.add("+ " + s);
            }
        }
        // Interleave so that a changed field shows as its - line then its + line.
        int i = 0;
        int j = 0;
        while ((i < removed.size() || j < added.size()) && out.size() < MAX_DIFF_LINES) {
            if (i < removed.size()) {
                out.add(removed.get(i++));
            }
            if (j < added.size() && out.size() < MAX_DIFF_LINES) {
                out.add(added.get(j++));
            }
        }
        int left = removed.size() + added.size() - out.size();
        if (left > 0) {
            out.add("(" + left + " more differing fields)");
        }
        return out;
    }

    /**
     * The body as {@code path: value} lines, one per leaf, in document order. Iterative, with its own stack: a
     * body may nest as deep as the parser allows, deeper than a thread's stack would take in recursion.
     */
    static Set<String> leaves(JsonNode body) {
        Set<String> out = new LinkedHashSet<>();
        Deque<Map.Entry<String, JsonNode>> todo = new ArrayDeque<>();
        todo.push(Map.entry("", body));
        int visited = 0;
        while (!todo.isEmpty() && out.size() < MAX_LEAVES && visited++ < MAX_NODES) {
            Map.Entry<String, JsonNode> next = todo.pop();
            String path = next.getKey();
            JsonNode node = next.getValue();
            if (node.isObject() && !node.isEmpty()) {
                List<Map.Entry<String, JsonNode>> children = new ArrayList<>(node.size());
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    children.add(Map.entry(path.isEmpty() ? field.getKey() : child(path, "." + field.getKey()), field.getValue()));
                }
                pushInOrder(todo, children);
            } else if (node.isArray() && !node.isEmpty()) {
                List<Map.Entry<String, JsonNode>> children = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    children.add(Map.entry(child(path, "[" + i + "]"), node.get(i)));
                }
                pushInOrder(todo, children);
            } else {
                String value = PythonJson.canonical(node, MAX_VALUE_CHARS + 1); // a 30 MB string: its beginning only
                if (value.length() > MAX_VALUE_CHARS) {
                    value = value.substring(0, MAX_VALUE_CHARS - 3) + "...";
                }
                out.add(shortened(path.isEmpty() ? "(body)" : path) + ": " + value);
            }
        }
        return out;
    }

    /** Pushed last to first, so that the first child is taken next: document order. */
    private static void pushInOrder(Deque<Map.Entry<String, JsonNode>> todo, List<Map.Entry<String, JsonNode>> children) {
        for (int i = children.size() - 1; i >= 0; i--) {
            todo.push(children.get(i));
        }
    }

    /** A child's path, kept short while walking: a deep body would otherwise build paths as long as it is deep, each. */
    private static String child(String parent, String step) {
        String path = parent + step;
        return path.length() <= 2 * MAX_PATH_CHARS ? path
                : path.substring(0, MAX_PATH_CHARS / 2) + "..." + path.substring(path.length() - MAX_PATH_CHARS);
    }

    /** A path of a deeply nested leaf, cut in the middle so that a line of the explanation stays readable. */
    private static String shortened(String path) {
        return path.length() <= MAX_PATH_CHARS ? path
                : path.substring(0, MAX_PATH_CHARS / 2) + "..." + path.substring(path.length() - MAX_PATH_CHARS / 2);
    }
}

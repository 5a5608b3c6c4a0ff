// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.internal.json.PythonJson;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two JSON values compared field by field, as a miss explains itself: each leaf as a {@code path: value} line
 * (canonical JSON, long values cut), and the lines only one side has, a removed line before its added one.
 */
public final class FieldDiff {
    private static final int MAX_VALUE_CHARS = 160;
    private static final int MAX_LEAVES = 10_000;

    private FieldDiff() {
    }

    /** One line of a diff: {@code -} only in the first value, {@code +} only in the second. */
    public record Line(char side, String text) {
    }

    public static List<Line> between(JsonNode first, JsonNode second) {
        Set<String> a = leaves(first);
        Set<String> b = leaves(second);
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        a.stream().filter(s -> !b.contains(s)).forEach(removed::add);
        b.stream().filter(s -> !a.contains(s)).forEach(added::add);
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < Math.max(removed.size(), added.size()); i++) {
            if (i < removed.size()) {
                out.add(new Line('-', removed.get(i)));
            }
            if (i < added.size()) {
                out.add(new Line('+', added.get(i)));
            }
        }
        return out;
    }

    /** The value as {@code path: value} lines, one per leaf, in document order; iterative, for any depth. */
    public static Set<String> leaves(JsonNode value) {
        Set<String> out = new LinkedHashSet<>();
        Deque<Map.Entry<String, JsonNode>> todo = new ArrayDeque<>();
        todo.push(Map.entry("", value));
        while (!todo.isEmpty() && out.size() < MAX_LEAVES) {
            Map.Entry<String, JsonNode> next = todo.pop();
            String path = next.getKey();
            JsonNode node = next.getValue();
            List<Map.Entry<String, JsonNode>> children = new ArrayList<>();
            if (node.isObject() && !node.isEmpty()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    children.add(Map.entry(path.isEmpty() ? f.getKey() : path + "." + f.getKey(), f.getValue()));
                }
            } else if (node.isArray() && !node.isEmpty()) {
                for (int i = 0; i < node.size(); i++) {
                    children.add(Map.entry(path + "[" + i + "]", node.get(i)));
                }
            } else {
                String text = PythonJson.canonical(node, MAX_VALUE_CHARS + 1);
                out.add((path.isEmpty() ? "(body)" : path) + ": "
                        + (text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS - 3) + "..." : text));
            }
            for (int i = children.size() - 1; i >= 0; i--) {
                todo.push(children.get(i));
            }
        }
        return out;
    }
}

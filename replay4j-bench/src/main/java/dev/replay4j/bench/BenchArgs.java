// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** A harness's {@code key=value} arguments. */
public final class BenchArgs {
    private final Map<String, String> values;

    private BenchArgs(Map<String, String> values) {
        this.values = values;
    }

    public static BenchArgs parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("arguments are key=value, not " + a);
            }
            values.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return new BenchArgs(values);
    }

    /** The value given for {@code name}, else {@code fallback}; {@code null} fallback: the argument is required. */
    public String get(String name, String fallback) {
        String v = values.get(name);
        if (v == null && fallback == null) {
            throw new IllegalArgumentException("missing argument " + name + "=...");
        }
        return v != null ? v : fallback;
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import dev.replay4j.internal.json.PythonJson;

/**
 * One JSON object on one line, fields in the order they are put, spaced as Python's
 * {@code json.dumps} prints it, so that the output diffs cleanly against the reference tools.
 */
final class JsonLine {
    private final StringBuilder text = new StringBuilder(160).append('{');

    JsonLine put(String name, String value) {
        if (text.length() > 1) {
            text.append(", ");
        }
        PythonJson.writeString(text, name);
        text.append(": ");
        if (value == null) {
            text.append("null");
        } else {
            PythonJson.writeString(text, value);
        }
        return this;
    }

    /** A number, boolean or null as JSON. */
    JsonLine put(String name, Object scalar) {
        if (scalar instanceof String || scalar == null) {
            return put(name, (String) scalar);
        }
        if (text.length() > 1) {
            text.append(", ");
        }
        PythonJson.writeString(text, name);
        text.append(": ").append(scalar);
        return this;
    }

    JsonLine putIfPresent(String name, String value) {
        return value == null ? this : put(name, value);
    }

    @Override
    public String toString() {
        return text + "}";
    }
}

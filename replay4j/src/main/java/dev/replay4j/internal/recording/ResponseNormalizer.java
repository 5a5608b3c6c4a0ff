// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Quiets the fields that change on every call, so that a re-recording changes only the lines that
 * really changed. Works on the top-level object of a body or chunk; nested objects stay as they are.
 */
public final class ResponseNormalizer {
    public static final String EPOCH = "1970-01-01T00:00:00.000000Z";
    private static final String[] DURATIONS = {"total_duration", "load_duration", "prompt_eval_duration", "eval_duration"};

    private ResponseNormalizer() {
    }

    /** Normalises {@code object} in place; {@code shortKey} is the first 12 hex digits of the request key. */
    public static void normalize(JsonNode object, String shortKey) {
        if (object == null || !object.isObject()) {
            return;
        }
        ObjectNode o = (ObjectNode) object;
        boolean model = "model".equals(o.path("object").textValue());
        if (!model) {
            if (o.has("id")) {
                o.put("id", "rec-" + shortKey);
            }
            if (o.has("created")) {
                o.put("created", 0);
            }
        }
        if (o.has("created_at")) {
            o.put("created_at", EPOCH);
        }
        for (String duration : DURATIONS) {
            if (o.hasNonNull(duration)) {
                o.put(duration, 0);
            }
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.recording.Recording;

/** Two recordings compared by message and field: their requests' bodies, then what they answered. */
public final class RecordingDiff {
    private RecordingDiff() {
    }

    public static ObjectNode of(Recording first, Recording second) {
        ObjectNode out = Json.object();
        ObjectNode a = ConversationJson.of(Conversations.of(first));
        ObjectNode b = ConversationJson.of(Conversations.of(second));
        out.set("request", lines(described(first), described(second)));
        out.set("answer", lines(withoutMedia(a.get("answer")), withoutMedia(b.get("answer"))));
        return out;
    }

    private static JsonNode described(Recording r) {
        ObjectNode out = Json.object();
        out.put("test_id", r.testId());
        out.put("method", r.request().method());
        out.put("endpoint", r.request().endpoint());
        out.set("body", r.request().body());
        return out;
    }

    private static JsonNode withoutMedia(JsonNode answer) {
        ObjectNode copy = answer.deepCopy();
        if (copy.path("media").isObject()) {
            ((ObjectNode) copy.get("media")).remove("base64");
        }
        return copy;
    }

    private static ArrayNode lines(JsonNode first, JsonNode second) {
        ArrayNode out = Json.nodes().arrayNode();
        FieldDiff.between(first, second).forEach(l -> out.addObject().put("side", String.valueOf(l.side())).put("text", l.text()));
        return out;
    }
}

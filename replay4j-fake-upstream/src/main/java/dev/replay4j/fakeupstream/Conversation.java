// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What the three APIs' chat requests have in common: the text to echo and the tool to call. */
final class Conversation {
    private Conversation() {
    }

    /** The text of the last message of the role, from a string or a list of text parts. */
    static String lastText(JsonNode messages, String role) {
        if (messages == null) {
            return "";
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if (role.equals(m.path("role").asText())) {
                return text(m.get("content"));
            }
        }
        return "";
    }

    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode part : content) {
            if (part.has("text")) {
                out.append(part.get("text").asText());
            } else if (part.has("content")) { // Anthropic's tool_result block
                out.append(text(part.get("content")));
            }
        }
        return out.toString();
    }

    /** The arguments of a call of the tool: its first parameter set to "Paris". */
    static ObjectNode toolArguments(JsonNode parameters) {
        ObjectNode args = FakeUpstream.JSON.createObjectNode();
        JsonNode properties = parameters == null ? null : parameters.get("properties");
        if (properties != null && properties.fieldNames().hasNext()) {
            args.put(properties.fieldNames().next(), "Paris");
        }
        return args;
    }

    /** The answer split in two pieces, as a stream would send it. */
    static List<String> pieces(String text) {
        int half = text.indexOf(' ') < 0 ? text.length() : text.indexOf(' ') + 1;
        return List.of(text.substring(0, half), text.substring(half));
    }

    static String write(Object value) {
        try {
            return FakeUpstream.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode object() {
        return FakeUpstream.JSON.createObjectNode();
    }
}

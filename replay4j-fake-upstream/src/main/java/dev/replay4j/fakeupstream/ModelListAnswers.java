// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code GET /v1/models} (and any path ending in {@code /models}) in OpenAI's shape, or Anthropic's for a request
 * with {@code anthropic-version} (Gemini's is {@link GeminiAnswers#models}), and Ollama's {@code GET /api/tags}.
 */
final class ModelListAnswers {
    private ModelListAnswers() {
    }

    static Answer openAi(List<String> ids) {
        ObjectNode out = Conversation.object();
        out.put("object", "list");
        ArrayNode data = out.putArray("data");
        for (String id : ids) {
            data.addObject().put("id", id).put("object", "model").put("created", 1_712_000_000L).put("owned_by", "fake-upstream");
        }
        return Answer.json(out);
    }

    /** Anthropic's {@code GET /v1/models}: entries of {@code "type": "model"}, and the page's bounds. */
    static Answer anthropic(List<String> ids) {
        ObjectNode out = Conversation.object();
        ArrayNode data = out.putArray("data");
        for (String id : ids) {
            data.addObject().put("type", "model").put("id", id).put("display_name", "Fake " + id)
                    .put("created_at", "2025-02-19T00:00:00Z");
        }
        out.put("has_more", false);
        if (ids.isEmpty()) {
            out.putNull("first_id");
            out.putNull("last_id");
        } else {
            out.put("first_id", ids.get(0));
            out.put("last_id", ids.get(ids.size() - 1));
        }
        return Answer.json(out);
    }

    static Answer ollama(List<String> ids) {
        ObjectNode out = Conversation.object();
        ArrayNode models = out.putArray("models");
        for (String id : ids) {
            ObjectNode model = models.addObject().put("name", id).put("model", id)
                    .put("modified_at", "2025-05-01T10:00:00.123456Z").put("size", 1_000_000L)
                    .put("digest", Integer.toHexString(id.hashCode()));
            model.putObject("details").put("format", "gguf").put("family", "llama").put("parameter_size", "3B")
                    .put("quantization_level", "Q4_K_M");
        }
        return Answer.json(out);
    }
}

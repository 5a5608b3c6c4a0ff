// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code GET /v1/models} (and any path ending in {@code /models}) and Ollama's {@code GET /api/tags}. */
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

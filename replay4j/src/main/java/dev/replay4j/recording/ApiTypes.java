package dev.replay4j.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.json.Json;
import java.util.Map;

/**
 * The {@code __type__} names that wrap typed API objects in a recording: those of the Python SDKs that
 * wrote the public recordings, so that both sides read each other's files.
 */
public final class ApiTypes {
    public static final String TYPE = "__type__";
    public static final String DATA = "__data__";

    private static final Map<String, String> BODY = Map.of(
            "/v1/chat/completions", "openai.types.chat.chat_completion.ChatCompletion",
            "/v1/completions", "openai.types.completion.Completion",
            "/v1/embeddings", "openai.types.create_embedding_response.CreateEmbeddingResponse",
            "/v1/models", "openai.types.model.Model",
            "/api/chat", "ollama._types.ChatResponse",
            "/api/generate", "ollama._types.GenerateResponse",
            "/api/embed", "ollama._types.EmbedResponse",
            "/api/tags", "ollama._types.ListResponse",
            "/api/ps", "ollama._types.ProcessResponse");

    private static final Map<String, String> CHUNK = Map.of(
            "/v1/chat/completions", "openai.types.chat.chat_completion_chunk.ChatCompletionChunk",
            "/v1/completions", "openai.types.completion.Completion",
            "/api/chat", "ollama._types.ChatResponse",
            "/api/generate", "ollama._types.GenerateResponse");

    private ApiTypes() {
    }

    /** The type name of a body (or, with {@code streaming}, of one chunk) of this endpoint, or {@code null}. */
    public static String typeName(String endpoint, boolean streaming) {
        return (streaming ? CHUNK : BODY).get(endpoint);
    }

    public static ObjectNode wrap(String type, JsonNode data) {
        ObjectNode wrapper = Json.object();
        wrapper.put(TYPE, type);
        wrapper.set(DATA, data);
        return wrapper;
    }

    public static boolean isWrapped(JsonNode value) {
        return value != null && value.isObject() && value.has(TYPE) && value.has(DATA);
    }

    /** The API object inside a wrapper, or the value itself when it is not wrapped. */
    public static JsonNode unwrap(JsonNode value) {
        return isWrapped(value) ? value.get(DATA) : value;
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.api;

import dev.replay4j.ApiFamily;
import java.util.Map;
import java.util.Set;

/**
 * What replay4j knows of the APIs' paths, in one table: which family a path belongs to, which paths are
 * model lists, and which Python type names wrap an endpoint's bodies and stream chunks in a recording (those
 * of the SDKs that wrote the public llama-stack recordings, so that both tools read each other's files).
 *
 * <p>A new endpoint or API family starts here.
 */
public final class Endpoints {
    /** Model lists: shared by all tests (their key leaves the test id out) and merged on replay. */
    private static final Set<String> MODEL_LISTS = Set.of("/api/tags", "/v1/models", "/v1/openai/v1/models");

    private static final String OLLAMA_MODEL_LIST = "/api/tags";

    private static final Map<String, String> BODY_TYPES = Map.of(
            "/v1/chat/completions", "openai.types.chat.chat_completion.ChatCompletion",
            "/v1/completions", "openai.types.completion.Completion",
            "/v1/embeddings", "openai.types.create_embedding_response.CreateEmbeddingResponse",
            "/v1/models", "openai.types.model.Model",
            "/api/chat", "ollama._types.ChatResponse",
            "/api/generate", "ollama._types.GenerateResponse",
            "/api/embed", "ollama._types.EmbedResponse",
            "/api/tags", "ollama._types.ListResponse",
            "/api/ps", "ollama._types.ProcessResponse");

    private static final Map<String, String> CHUNK_TYPES = Map.of(
            "/v1/chat/completions", "openai.types.chat.chat_completion_chunk.ChatCompletionChunk",
            "/v1/completions", "openai.types.completion.Completion",
            "/api/chat", "ollama._types.ChatResponse",
            "/api/generate", "ollama._types.GenerateResponse");

    private Endpoints() {
    }

    /** The family of a client path (without the test-id prefix or the query). */
    public static ApiFamily familyOf(String path) {
        if (path.startsWith("/v1/messages")) {
            return ApiFamily.ANTHROPIC;
        }
        if (path.startsWith("/api/")) {
            return ApiFamily.OLLAMA;
        }
        if (path.startsWith("/v1/") || path.equals("/v1")) {
            return ApiFamily.OPENAI;
        }
        return ApiFamily.OTHER;
    }

    /** True for the exact paths of model lists, as keyed (a client path, or the path of an upstream URL). */
    public static boolean isModelList(String path) {
        return MODEL_LISTS.contains(path);
    }

    /** True for an endpoint (path or URL) that lists Ollama's models, whose entries are named by {@code model}. */
    public static boolean isOllamaModelList(String endpoint) {
        return endpoint.endsWith(OLLAMA_MODEL_LIST);
    }

    /** True for an endpoint (path or URL) that lists models in OpenAI's shape: {@code {"object": "list", "data": [...]}}. */
    public static boolean isOpenAiModelList(String endpoint) {
        return endpoint.endsWith("/v1/models");
    }

    /** The field that names a model in an entry of this endpoint's model list. */
    public static String modelIdField(String endpoint) {
        return isOllamaModelList(endpoint) ? "model" : "id";
    }

    /** The type name of a whole answer of this endpoint, or {@code null} where bodies are stored plain. */
    public static String bodyType(String endpoint) {
        return BODY_TYPES.get(endpoint);
    }

    /** The type name of one stream chunk of this endpoint, or {@code null} where streams are stored as lines. */
    public static String chunkType(String endpoint) {
        return CHUNK_TYPES.get(endpoint);
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.api;

import dev.replay4j.ApiFamily;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

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

    /** See {@link #isKeyedQueryParameter}. */
    private static final Set<String> GEMINI_QUERY = Set.of("alt", "pageSize", "pageToken");
    private static final Set<String> MODEL_LIST_QUERY = Set.of("pageSize", "pageToken", "limit", "after_id", "before_id");

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

    /** The family of a client path (without the test-id prefix or the query), from the path alone. */
    public static ApiFamily familyOf(String path) {
        return familyOf(path, null, name -> false);
    }

    /**
     * The family of a request: by its path where the path tells, else (for {@code /v1/models}, which OpenAI,
     * Anthropic and Gemini share) by the headers its SDK sends: {@code anthropic-version} for Anthropic,
     * {@code x-goog-api-key} (or a {@code key=} query parameter) for Gemini.
     *
     * @param rawQuery  the query as sent, or {@code null}
     * @param hasHeader whether the request has a header of this name (any case)
     */
    public static ApiFamily familyOf(String path, String rawQuery, Predicate<String> hasHeader) {
        if (path.startsWith("/v1/messages")) {
            return ApiFamily.ANTHROPIC;
        }
        if (path.startsWith("/api/")) {
            return ApiFamily.OLLAMA;
        }
        if (path.startsWith("/model/")) {
            return ApiFamily.BEDROCK;
        }
        if (isGeminiPath(path)) {
            return ApiFamily.GEMINI;
        }
        if (path.startsWith("/openai/")) {
            return ApiFamily.OPENAI; // Azure OpenAI: deployment URLs and /openai/v1/...
        }
        if (path.startsWith("/v1/") || path.equals("/v1")) {
            if (path.startsWith("/v1/models")) {
                if (hasHeader.test("anthropic-version")) {
                    return ApiFamily.ANTHROPIC;
                }
                if (hasHeader.test("x-goog-api-key") || hasQueryParameter(rawQuery, "key")) {
                    return ApiFamily.GEMINI;
                }
            }
            return ApiFamily.OPENAI;
        }
        return ApiFamily.OTHER;
    }

    /**
     * Gemini's paths: AI Studio's {@code /v1beta/...} and {@code /v1/models/{m}:method}, Vertex AI's
     * {@code /v1/projects/{p}/locations/{l}/publishers/google/models/{m}:method} (and {@code v1beta1}).
     */
    private static boolean isGeminiPath(String path) {
        if (path.startsWith("/v1beta/") || path.startsWith("/v1beta1/") || path.equals("/v1beta") || path.equals("/v1beta1")) {
            return true;
        }
        if (path.contains("/publishers/google/") || path.startsWith("/v1/projects/")) {
            return true;
        }
        int models = path.indexOf("/models/");
        return models >= 0 && path.indexOf(':', models) >= 0;
    }

    private static boolean hasQueryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return false;
        }
        for (String p : rawQuery.split("&")) {
            int eq = p.indexOf('=');
            if ((eq < 0 ? p : p.substring(0, eq)).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** True for Bedrock's streaming endpoints, whose answers are AWS event-stream frames. */
    public static boolean isEventStream(String endpoint) {
        return endpoint.startsWith("/model/") && (endpoint.endsWith("/converse-stream") || endpoint.endsWith("/invoke-with-response-stream"));
    }

    /**
     * True for a query parameter that is part of a key: one that changes the answer, by the path it is sent to
     * (the hashed path: the upstream's base path, then the client's). Gemini's paths key {@code alt},
     * {@code pageSize} and {@code pageToken}; Azure OpenAI's ({@code /openai/...}) {@code api-version}; the model
     * lists ({@code .../models}) their paging: Gemini's {@code pageSize} and {@code pageToken}, Anthropic's
     * {@code limit}, {@code after_id} and {@code before_id}. No credential ({@code key}, {@code api_key}) is ever one;
     * see {@code docs/recording-format.md}, "The query in the key".
     */
    public static boolean isKeyedQueryParameter(String path, String name) {
        if (isGeminiPath(path)) {
            return GEMINI_QUERY.contains(name);
        }
        if (path.startsWith("/openai/") && name.equals("api-version")) {
            return true;
        }
        return path.endsWith("/models") && MODEL_LIST_QUERY.contains(name);
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
        return BODY_TYPES.get(openAiEquivalent(endpoint));
    }

    /** The type name of one stream chunk of this endpoint, or {@code null} where streams are stored as lines. */
    public static String chunkType(String endpoint) {
        return CHUNK_TYPES.get(openAiEquivalent(endpoint));
    }

    /**
     * Azure OpenAI's paths as OpenAI's: {@code /openai/deployments/{name}/chat/completions} and
     * {@code /openai/v1/chat/completions} are {@code /v1/chat/completions}; any other path is itself.
     */
    static String openAiEquivalent(String endpoint) {
        if (endpoint.startsWith("/openai/v1/")) {
            return endpoint.substring("/openai".length());
        }
        if (endpoint.startsWith("/openai/deployments/")) {
            int slash = endpoint.indexOf('/', "/openai/deployments/".length());
            return slash < 0 || endpoint.endsWith("/models") ? endpoint : "/v1" + endpoint.substring(slash);
        }
        return endpoint;
    }
}

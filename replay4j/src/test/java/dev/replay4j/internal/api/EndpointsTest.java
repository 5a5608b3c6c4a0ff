// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.ApiFamily;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The one table of what replay4j knows of the APIs' paths. */
class EndpointsTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "/v1/messages, ANTHROPIC", "/v1/messages/count_tokens, ANTHROPIC", "/api/chat, OLLAMA", "/api/tags, OLLAMA",
            "/v1/chat/completions, OPENAI", "/v1, OPENAI", "/v1/openai/v1/models, OPENAI", "/v1x, OTHER", "/api, OTHER",
            "/, OTHER", "/favicon.ico, OTHER", "/v2/chat, OTHER",
            "/v1beta/models/gemini-2.0-flash:generateContent, GEMINI", "/v1/models/gemini-2.0-flash:streamGenerateContent, GEMINI",
            "/v1beta/models, GEMINI", "/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.0-flash:generateContent, GEMINI",
            "/v1beta1/projects/p/locations/l/publishers/google/models/m:countTokens, GEMINI",
            "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse, BEDROCK", "/model/m/invoke-with-response-stream, BEDROCK",
            "/openai/deployments/gpt/chat/completions, OPENAI", "/openai/v1/chat/completions, OPENAI", "/v1/models, OPENAI"})
    void a_path_belongs_to_the_family_of_its_prefix(String path, ApiFamily family) {
        assertThat(Endpoints.familyOf(path)).isEqualTo(family);
    }

    @Test
    void the_shared_model_list_path_goes_by_the_headers_its_sdk_sends() {
        assertThat(Endpoints.familyOf("/v1/models", null, h -> h.equals("anthropic-version"))).isEqualTo(ApiFamily.ANTHROPIC);
        assertThat(Endpoints.familyOf("/v1/models", null, h -> h.equals("x-goog-api-key"))).isEqualTo(ApiFamily.GEMINI);
        assertThat(Endpoints.familyOf("/v1/models", "pageSize=2&key=AIza", h -> false)).isEqualTo(ApiFamily.GEMINI);
        assertThat(Endpoints.familyOf("/v1/models", "keyword=x", h -> false)).isEqualTo(ApiFamily.OPENAI);
        assertThat(Endpoints.familyOf("/v1/chat/completions", null, h -> true)).as("only the model list is shared").isEqualTo(ApiFamily.OPENAI);
    }

    @Test
    void azure_paths_carry_openais_type_names_and_bedrock_streams_are_event_streams() {
        assertThat(Endpoints.bodyType("/openai/deployments/gpt/chat/completions")).isEqualTo("openai.types.chat.chat_completion.ChatCompletion");
        assertThat(Endpoints.chunkType("/openai/v1/chat/completions")).isEqualTo("openai.types.chat.chat_completion_chunk.ChatCompletionChunk");
        assertThat(Endpoints.isEventStream("/model/m/converse-stream")).isTrue();
        assertThat(Endpoints.isEventStream("/model/m/invoke-with-response-stream")).isTrue();
        assertThat(Endpoints.isEventStream("/model/m/converse")).isFalse();
    }

    @Test
    void model_lists_are_exact_paths_and_each_api_names_its_models_by_its_own_field() {
        assertThat(Endpoints.isModelList("/v1/models")).isTrue();
        assertThat(Endpoints.isModelList("/api/tags")).isTrue();
        assertThat(Endpoints.isModelList("/v1/openai/v1/models")).isTrue();
        assertThat(Endpoints.isModelList("/v1/models/gpt-4o")).as("one model is not a list").isFalse();
        assertThat(Endpoints.isOllamaModelList("http://localhost:11434/api/tags")).isTrue();
        assertThat(Endpoints.isOllamaModelList("/v1/models")).isFalse();
        assertThat(Endpoints.isOpenAiModelList("https://x.azure.com/openai/v1/models")).isTrue();
        assertThat(Endpoints.isOpenAiModelList("/api/tags")).isFalse();
        assertThat(Endpoints.modelIdField("/api/tags")).isEqualTo("model");
        assertThat(Endpoints.modelIdField("/v1/models")).isEqualTo("id");
    }

    @Test
    void bodies_and_chunks_carry_the_type_names_of_the_python_sdks() {
        assertThat(Endpoints.bodyType("/v1/chat/completions")).isEqualTo("openai.types.chat.chat_completion.ChatCompletion");
        assertThat(Endpoints.chunkType("/v1/chat/completions")).isEqualTo("openai.types.chat.chat_completion_chunk.ChatCompletionChunk");
        assertThat(Endpoints.bodyType("/api/chat")).isEqualTo(Endpoints.chunkType("/api/chat")).isEqualTo("ollama._types.ChatResponse");
        assertThat(Endpoints.chunkType("/v1/embeddings")).isNull();
        assertThat(Endpoints.bodyType("/v1/messages")).as("Anthropic bodies are stored plain").isNull();
    }
}

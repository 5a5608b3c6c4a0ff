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
            "/, OTHER", "/favicon.ico, OTHER", "/v2/chat, OTHER"})
    void a_path_belongs_to_the_family_of_its_prefix(String path, ApiFamily family) {
        assertThat(Endpoints.familyOf(path)).isEqualTo(family);
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

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.e2e;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import java.util.Map;

/**
 * LangChain4j's Ollama module: {@code /api/chat} as JSON ({@code "stream": false}) and as NDJSON, and
 * {@code /api/embed}. It sends no key; the check's key assertion is met by a header the test adds.
 */
class LangChain4jOllamaTest extends LangChain4jContract {

    /** Ollama needs no key; a proxy in front of it might, and it must not be written either. */
    private static Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + RecordReplayCheck.API_KEY);
    }

    @Override
    ChatModel chat(String base) {
        return OllamaChatModel.builder().baseUrl(base).modelName("llama-test").customHeaders(auth()).maxRetries(0).build();
    }

    @Override
    StreamingChatModel streaming(String base) {
        return OllamaStreamingChatModel.builder().baseUrl(base).modelName("llama-test").customHeaders(auth()).build();
    }

    @Override
    EmbeddingModel embeddings(String base) {
        return OllamaEmbeddingModel.builder().baseUrl(base).modelName("embed-test").customHeaders(auth()).maxRetries(0).build();
    }
}

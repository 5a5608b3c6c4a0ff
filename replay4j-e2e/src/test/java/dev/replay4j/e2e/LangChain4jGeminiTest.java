// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.e2e;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.googleai.GoogleAiEmbeddingModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;

/** LangChain4j's Google AI Gemini module (AI Studio's {@code /v1beta} API, key in {@code x-goog-api-key}) through replay4j. */
class LangChain4jGeminiTest extends LangChain4jContract {

    @Override
    ChatModel chat(String base) {
        return GoogleAiGeminiChatModel.builder().baseUrl(base + "/v1beta").apiKey(RecordReplayCheck.API_KEY)
                .modelName("gemini-test").maxRetries(0).build();
    }

    @Override
    StreamingChatModel streaming(String base) {
        return GoogleAiGeminiStreamingChatModel.builder().baseUrl(base + "/v1beta").apiKey(RecordReplayCheck.API_KEY)
                .modelName("gemini-test").build();
    }

    @Override
    EmbeddingModel embeddings(String base) {
        return GoogleAiEmbeddingModel.builder().baseUrl(base + "/v1beta").apiKey(RecordReplayCheck.API_KEY)
                .modelName("embed-test").maxRetries(0).build();
    }
}

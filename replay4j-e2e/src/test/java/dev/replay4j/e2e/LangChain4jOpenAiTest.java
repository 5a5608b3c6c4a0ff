// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.e2e;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

/** LangChain4j's OpenAI module (its JDK HTTP client) through replay4j. */
class LangChain4jOpenAiTest extends LangChain4jContract {

    @Override
    ChatModel chat(String base) {
        return OpenAiChatModel.builder().baseUrl(base + "/v1").apiKey(RecordReplayCheck.API_KEY).modelName("gpt-test")
                .maxRetries(0).build();
    }

    @Override
    StreamingChatModel streaming(String base) {
        return OpenAiStreamingChatModel.builder().baseUrl(base + "/v1").apiKey(RecordReplayCheck.API_KEY)
                .modelName("gpt-test").build();
    }

    @Override
    EmbeddingModel embeddings(String base) {
        return OpenAiEmbeddingModel.builder().baseUrl(base + "/v1").apiKey(RecordReplayCheck.API_KEY)
                .modelName("embed-test").maxRetries(0).build();
    }
}

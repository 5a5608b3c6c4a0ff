// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.e2e;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;

/** LangChain4j's Anthropic module: {@code /v1/messages} as JSON and as SSE with {@code event:} lines; no embeddings. */
class LangChain4jAnthropicTest extends LangChain4jContract {

    @Override
    ChatModel chat(String base) {
        return AnthropicChatModel.builder().baseUrl(base + "/v1/").apiKey(RecordReplayCheck.API_KEY)
                .modelName("claude-test").maxTokens(100).maxRetries(0).build();
    }

    @Override
    StreamingChatModel streaming(String base) {
        return AnthropicStreamingChatModel.builder().baseUrl(base + "/v1/").apiKey(RecordReplayCheck.API_KEY)
                .modelName("claude-test").maxTokens(100).build();
    }
}

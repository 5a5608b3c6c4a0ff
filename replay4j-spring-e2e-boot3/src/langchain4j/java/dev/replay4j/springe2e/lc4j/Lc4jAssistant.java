// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.springe2e.lc4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;

/** LangChain4j's chat models as the starter makes them, a call and a stream. */
@Service
public class Lc4jAssistant {
    private final ChatModel chat;
    private final StreamingChatModel streaming;

    public Lc4jAssistant(ChatModel chat, StreamingChatModel streaming) {
        this.chat = chat;
        this.streaming = streaming;
    }

    public String ask(String question) {
        return chat.chat(question);
    }

    public String askStreaming(String question) throws Exception {
        CompletableFuture<String> done = new CompletableFuture<>();
        StringBuilder parts = new StringBuilder();
        streaming.chat(question, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                parts.append(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(parts.toString());
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        return done.get(60, TimeUnit.SECONDS);
    }
}

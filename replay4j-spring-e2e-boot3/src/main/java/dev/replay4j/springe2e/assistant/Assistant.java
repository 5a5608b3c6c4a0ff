// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.springe2e.assistant;

import java.util.List;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.stereotype.Service;

/** Chat through a {@link ChatClient} (a call and a stream), Anthropic and Ollama chat models, OpenAI embeddings. */
@Service
public class Assistant {
    private final ChatClient chat;
    private final AnthropicChatModel anthropic;
    private final OllamaChatModel ollama;
    private final OpenAiEmbeddingModel embeddings;

    public Assistant(OpenAiChatModel openAi, AnthropicChatModel anthropic, OllamaChatModel ollama, OpenAiEmbeddingModel embeddings) {
        this.chat = ChatClient.create(openAi);
        this.anthropic = anthropic;
        this.ollama = ollama;
        this.embeddings = embeddings;
    }

    public String ask(String question) {
        return chat.prompt().user(question).call().content();
    }

    public String askStreaming(String question) {
        List<String> parts = chat.prompt().user(question).stream().content().collectList().block();
        return parts == null ? null : String.join("", parts);
    }

    public String askAnthropic(String question) {
        return anthropic.call(question);
    }

    public String askOllama(String question) {
        return ollama.call(question);
    }

    public float[] embed(String text) {
        return embeddings.embed(text);
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.e2e;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The calls that the LangChain4j tests make, whatever the provider module. */
final class LangChain4jCalls {
    private static final ToolSpecification GET_WEATHER = ToolSpecification.builder().name("get_weather")
            .description("The weather in a city").parameters(JsonObjectSchema.builder().addStringProperty("city").build())
            .build();

    private LangChain4jCalls() {
    }

    /** The streamed text, checked against the complete response's text. */
    static String stream(StreamingChatModel model, String text) throws Exception {
        StringBuilder pieces = new StringBuilder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(text, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                pieces.append(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        String complete = done.get(30, TimeUnit.SECONDS).aiMessage().text();
        if (!complete.equals(pieces.toString())) {
            throw new AssertionError("streamed '" + pieces + "' but completed with '" + complete + "'");
        }
        return complete;
    }

    /** Asks, gets a tool call, answers it: the tool call and the final answer. */
    static List<String> weather(ChatModel model) {
        UserMessage question = UserMessage.from("weather in Paris?");
        AiMessage call = model.chat(ChatRequest.builder().messages(question).toolSpecifications(GET_WEATHER).build())
                .aiMessage();
        ToolExecutionRequest request = call.toolExecutionRequests().get(0);
        String answer = model.chat(ChatRequest.builder()
                .messages(question, call, ToolExecutionResultMessage.from(request, "22 degrees"))
                .toolSpecifications(GET_WEATHER).build()).aiMessage().text();
        return List.of(request.name() + " " + request.arguments().replaceAll("\\s", ""), answer);
    }
}

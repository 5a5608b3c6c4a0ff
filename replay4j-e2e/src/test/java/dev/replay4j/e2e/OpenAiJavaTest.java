// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The official OpenAI Java SDK (OkHttp client) through replay4j. */
@Timeout(60)
class OpenAiJavaTest {
    private static final String TEST_ID = "dev.replay4j.e2e.OpenAiJavaTest::calls";

    @TempDir
    Path recordings;

    @Test
    void chat_records_then_replays() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID, base -> List.of(chat(base, "hello")),
                base -> List.of(chat(base, "something new")));
        assertThat(answers.get(0)).matches("Echo: hello #\\d+");
    }

    @Test
    void streaming_chat_records_then_replays() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID, base -> List.of(stream(base, "stream this")),
                base -> List.of(stream(base, "stream more")));
        assertThat(answers.get(0)).matches("Echo: stream this #\\d+");
    }

    @Test
    void embeddings_record_then_replay() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID, base -> List.of(embed(base, "four")),
                base -> List.of(embed(base, "eight...")));
        assertThat(answers.get(0)).isEqualTo("[1.0, 0.5, -0.25]");
    }

    @Test
    void tool_call_round_trip_records_then_replays() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID, OpenAiJavaTest::weather,
                base -> List.of(chat(base, "thanks")));
        assertThat(answers.get(0)).isEqualTo("get_weather {\"city\":\"Paris\"}");
        assertThat(answers.get(1)).matches("Tool result: 22 degrees #\\d+");
    }

    static OpenAIClient client(String base) {
        return OpenAIOkHttpClient.builder().baseUrl(base + "/v1").apiKey(RecordReplayCheck.API_KEY).maxRetries(0).build();
    }

    private static String chat(String base, String text) {
        ChatCompletion completion = client(base).chat().completions()
                .create(ChatCompletionCreateParams.builder().model("gpt-test").addUserMessage(text).build());
        return completion.choices().get(0).message().content().orElseThrow();
    }

    private static String stream(String base, String text) {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gpt-test").addUserMessage(text).build();
        StringBuilder out = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> chunks = client(base).chat().completions().createStreaming(params)) {
            chunks.stream().forEach(c -> c.choices().forEach(choice -> choice.delta().content().ifPresent(out::append)));
        }
        return out.toString();
    }

    private static String embed(String base, String text) {
        return client(base).embeddings()
                .create(EmbeddingCreateParams.builder().model("embed-test").input(text).build())
                .data().get(0).embedding().toString();
    }

    private static List<String> weather(String base) {
        OpenAIClient client = client(base);
        FunctionDefinition getWeather = FunctionDefinition.builder().name("get_weather")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build())
                .build();
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model("gpt-test")
                .addUserMessage("weather in Paris?").addFunctionTool(getWeather);
        ChatCompletion first = client.chat().completions().create(params.build());
        ChatCompletionMessageFunctionToolCall call = first.choices().get(0).message().toolCalls().orElseThrow().get(0)
                .function().orElseThrow();
        params.addMessage(first.choices().get(0).message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("22 degrees").build());
        ChatCompletion second = client.chat().completions().create(params.build());
        return List.of(call.function().name() + " " + call.function().arguments(),
                second.choices().get(0).message().content().orElseThrow());
    }
}

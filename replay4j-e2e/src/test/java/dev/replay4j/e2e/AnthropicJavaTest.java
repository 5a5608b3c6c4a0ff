// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.models.ModelInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Anthropic's official Java SDK (OkHttp client) through replay4j: messages, streaming, a tool call, the model list. */
@Timeout(60)
class AnthropicJavaTest {
    private static final String TEST_ID = "dev.replay4j.e2e.AnthropicJavaTest::calls";

    @TempDir
    Path recordings;

    @Test
    void messages_record_then_replay() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID, base -> List.of(message(base, "hello")),
                base -> List.of(message(base, "something new")));
        assertThat(answers.get(0)).matches("Echo: hello #\\d+");
    }

    @Test
    void streaming_messages_record_then_replay() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID, base -> List.of(stream(base, "stream this")),
                base -> List.of(stream(base, "stream more")));
        assertThat(answers.get(0)).matches("Echo: stream this #\\d+");
    }

    @Test
    void tool_call_round_trip_records_then_replays() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID, AnthropicJavaTest::weather,
                base -> List.of(message(base, "thanks")));
        assertThat(answers.get(0)).isEqualTo("get_weather {city=Paris}");
        assertThat(answers.get(1)).matches("Tool result: 22 degrees #\\d+");
    }

    @Test
    void the_model_list_keeps_its_ids_and_replays_in_order() throws Exception {
        List<String> answers = RecordReplayCheck.checkWithModels(recordings, TEST_ID, List.of("claude-b", "claude-a"),
                base -> client(base).models().list().data().stream().map(ModelInfo::id).toList(),
                base -> List.of(message(base, "new")));
        assertThat(answers).containsExactly("claude-b", "claude-a");
    }

    static AnthropicClient client(String base) {
        return AnthropicOkHttpClient.builder().baseUrl(base).apiKey(RecordReplayCheck.API_KEY).maxRetries(0).build();
    }

    private static MessageCreateParams.Builder params(String text) {
        return MessageCreateParams.builder().model("claude-test").maxTokens(64).addUserMessage(text);
    }

    private static String message(String base, String text) {
        return client(base).messages().create(params(text).build()).content().get(0).text().orElseThrow().text();
    }

    private static String stream(String base, String text) {
        StringBuilder out = new StringBuilder();
        try (StreamResponse<RawMessageStreamEvent> events = client(base).messages().createStreaming(params(text).build())) {
            events.stream().forEach(e -> e.contentBlockDelta().flatMap(d -> d.delta().text()).ifPresent(t -> out.append(t.text())));
        }
        return out.toString();
    }

    private static List<String> weather(String base) {
        AnthropicClient client = client(base);
        Tool tool = Tool.builder().name("get_weather").inputSchema(Tool.InputSchema.builder()
                .properties(Tool.InputSchema.Properties.builder()
                        .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string"))).build())
                .build()).build();
        MessageCreateParams.Builder params = params("weather in Paris?").addTool(tool);
        Message first = client.messages().create(params.build());
        ToolUseBlock use = first.content().get(0).toolUse().orElseThrow();
        params.addMessage(first).addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                ToolResultBlockParam.builder().toolUseId(use.id()).content("22 degrees").build())));
        Message second = client.messages().create(params.build());
        return List.of(use.name() + " " + use._input().convert(Map.class), second.content().get(0).text().orElseThrow().text());
    }
}

package dev.replay4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** LangChain4j's Anthropic module: {@code /v1/messages} as JSON and as SSE with {@code event:} lines; no embeddings. */
@Timeout(60)
class LangChain4jAnthropicTest {
    private static final String TEST_ID = "dev.replay4j.e2e.LangChain4jAnthropicTest::calls";

    @TempDir
    Path recordings;

    @Test
    void chatRecordsThenReplays() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID, base -> List.of(chat(base).chat("hello")),
                base -> List.of(chat(base).chat("something new")));
        assertThat(answers.get(0)).matches("Echo: hello #\\d+");
    }

    @Test
    void streamingChatRecordsThenReplays() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID,
                base -> List.of(LangChain4jCalls.stream(streaming(base), "stream this")),
                base -> List.of(LangChain4jCalls.stream(streaming(base), "stream more")));
        assertThat(answers.get(0)).matches("Echo: stream this #\\d+");
    }

    @Test
    void toolUseRoundTripRecordsThenReplays() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID, base -> LangChain4jCalls.weather(chat(base)),
                base -> List.of(chat(base).chat("thanks")));
        assertThat(answers.get(0)).isEqualTo("get_weather {\"city\":\"Paris\"}");
        assertThat(answers.get(1)).matches("Tool result: 22 degrees #\\d+");
    }

    private static AnthropicChatModel chat(String base) {
        return AnthropicChatModel.builder().baseUrl(base + "/v1/").apiKey(RecordReplayCheck.API_KEY)
                .modelName("claude-test").maxTokens(100).maxRetries(0).build();
    }

    private static AnthropicStreamingChatModel streaming(String base) {
        return AnthropicStreamingChatModel.builder().baseUrl(base + "/v1/").apiKey(RecordReplayCheck.API_KEY)
                .modelName("claude-test").maxTokens(100).build();
    }
}

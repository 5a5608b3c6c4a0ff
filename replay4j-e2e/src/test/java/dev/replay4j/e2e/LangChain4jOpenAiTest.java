package dev.replay4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** LangChain4j's OpenAI module (its JDK HTTP client) through replay4j. */
@Timeout(60)
class LangChain4jOpenAiTest {
    private static final String TEST_ID = "dev.replay4j.e2e.LangChain4jOpenAiTest::calls";

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
    void embeddingsRecordThenReplay() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID, base -> List.of(embed(base, "four")),
                base -> List.of(embed(base, "eight...")));
        assertThat(answers.get(0)).isEqualTo("[1.0, 0.5, -0.25]");
    }

    @Test
    void toolCallRoundTripRecordsThenReplays() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID, base -> LangChain4jCalls.weather(chat(base)),
                base -> List.of(chat(base).chat("thanks")));
        assertThat(answers.get(0)).isEqualTo("get_weather {\"city\":\"Paris\"}");
        assertThat(answers.get(1)).matches("Tool result: 22 degrees #\\d+");
    }

    private static OpenAiChatModel chat(String base) {
        return OpenAiChatModel.builder().baseUrl(base + "/v1").apiKey(RecordReplayCheck.API_KEY).modelName("gpt-test")
                .maxRetries(0).build();
    }

    private static OpenAiStreamingChatModel streaming(String base) {
        return OpenAiStreamingChatModel.builder().baseUrl(base + "/v1").apiKey(RecordReplayCheck.API_KEY)
                .modelName("gpt-test").build();
    }

    private static String embed(String base, String text) {
        OpenAiEmbeddingModel model = OpenAiEmbeddingModel.builder().baseUrl(base + "/v1").apiKey(RecordReplayCheck.API_KEY)
                .modelName("embed-test").maxRetries(0).build();
        return java.util.Arrays.toString(model.embed(text).content().vector());
    }
}

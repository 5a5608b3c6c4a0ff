package dev.replay4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * LangChain4j's Ollama module: {@code /api/chat} as JSON ({@code "stream": false}) and as NDJSON, and
 * {@code /api/embed}. It sends no key; the check's key assertion is met by a header the test adds.
 */
@Timeout(60)
class LangChain4jOllamaTest {
    private static final String TEST_ID = "dev.replay4j.e2e.LangChain4jOllamaTest::calls";

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

    /** Ollama needs no key; a proxy in front of it might, and it must not be written either. */
    private static java.util.Map<String, String> auth() {
        return java.util.Map.of("Authorization", "Bearer " + RecordReplayCheck.API_KEY);
    }

    private static OllamaChatModel chat(String base) {
        return OllamaChatModel.builder().baseUrl(base).modelName("llama-test").customHeaders(auth()).maxRetries(0).build();
    }

    private static OllamaStreamingChatModel streaming(String base) {
        return OllamaStreamingChatModel.builder().baseUrl(base).modelName("llama-test").customHeaders(auth()).build();
    }

    private static String embed(String base, String text) {
        OllamaEmbeddingModel model = OllamaEmbeddingModel.builder().baseUrl(base).modelName("embed-test")
                .customHeaders(auth()).maxRetries(0).build();
        return Arrays.toString(model.embed(text).content().vector());
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every LangChain4j module must do through replay4j: chat, streaming chat, embeddings where it has them,
 * and a tool call round trip, each recorded, replayed with the upstream gone, then record-if-missing adding
 * exactly the new exchange. A subclass says how to build the module's models.
 */
@Timeout(60)
abstract class LangChain4jContract {
    @TempDir
    Path recordings;

    abstract ChatModel chat(String base);

    abstract StreamingChatModel streaming(String base);

    /** The module's embedding model, or {@code null} when it has none. */
    EmbeddingModel embeddings(String base) {
        return null;
    }

    private String testId() {
        return getClass().getName() + "::calls";
    }

    @Test
    void chat_records_then_replays() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, testId(), base -> List.of(chat(base).chat("hello")),
                base -> List.of(chat(base).chat("something new")));
        assertThat(answers.get(0)).matches("Echo: hello #\\d+");
    }

    @Test
    void streaming_chat_records_then_replays() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, testId(),
                base -> List.of(LangChain4jCalls.stream(streaming(base), "stream this")),
                base -> List.of(LangChain4jCalls.stream(streaming(base), "stream more")));
        assertThat(answers.get(0)).matches("Echo: stream this #\\d+");
    }

    @Test
    void embeddings_record_then_replay() throws Exception {
        assumeTrue(embeddings("http://unused") != null, getClass().getSimpleName() + ": the module has no embedding model");
        List<String> answers = RecordReplayCheck.check(recordings, testId(), base -> List.of(embed(base, "four")),
                base -> List.of(embed(base, "eight...")));
        assertThat(answers.get(0)).isEqualTo("[1.0, 0.5, -0.25]");
    }

    @Test
    void tool_call_round_trip_records_then_replays() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, testId(), base -> LangChain4jCalls.weather(chat(base)),
                base -> List.of(chat(base).chat("thanks")));
        assertThat(answers.get(0)).isEqualTo("get_weather {\"city\":\"Paris\"}");
        assertThat(answers.get(1)).matches("Tool result: 22 degrees #\\d+");
    }

    private String embed(String base, String text) {
        return Arrays.toString(embeddings(base).embed(text).content().vector());
    }
}

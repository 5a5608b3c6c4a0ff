// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.ListModelsConfig;
import com.google.genai.types.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Google's GenAI SDK (AI Studio, API key) through replay4j: generate, stream, embed, count tokens, paged model list. */
@Timeout(60)
class GoogleGenAiTest {
    private static final String TEST_ID = "dev.replay4j.e2e.GoogleGenAiTest::calls";

    @TempDir
    Path recordings;

    @Test
    void generate_records_then_replays() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID, base -> List.of(generate(base, "hello")),
                base -> List.of(generate(base, "something new")));
        assertThat(answers.get(0)).matches("Echo: hello #\\d+");
    }

    @Test
    void streaming_generate_records_then_replays() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID, base -> List.of(stream(base, "stream this")),
                base -> List.of(stream(base, "stream more")));
        assertThat(answers.get(0)).matches("Echo: stream this #\\d+");
    }

    @Test
    void embed_and_count_tokens_record_then_replay() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID, base -> List.of(embed(base, "four"), count(base, "a b c")),
                base -> List.of(count(base, "a b c d e")));
        assertThat(answers).containsExactly("[1.0, 0.5, -0.25]", "3");
    }

    @Test
    void the_paged_model_list_records_every_page_then_replays() throws Exception {
        List<String> answers = RecordReplayCheck.checkWithModels(recordings, TEST_ID, List.of("gemini-a", "gemini-b", "gemini-c"),
                base -> models(base), base -> List.of(generate(base, "new")));
        assertThat(answers).containsExactly("models/gemini-a", "models/gemini-b", "models/gemini-c");
    }

    static Client client(String base) {
        return Client.builder().apiKey(RecordReplayCheck.API_KEY)
                .httpOptions(HttpOptions.builder().baseUrl(base).build()).build();
    }

    private static String generate(String base, String text) {
        try (Client client = client(base)) {
            return client.models.generateContent("gemini-test", text, null).text();
        }
    }

    private static String stream(String base, String text) {
        StringBuilder out = new StringBuilder();
        try (Client client = client(base);
             ResponseStream<GenerateContentResponse> chunks = client.models.generateContentStream("gemini-test", text, null)) {
            for (GenerateContentResponse chunk : chunks) {
                out.append(chunk.text());
            }
        }
        return out.toString();
    }

    private static String embed(String base, String text) {
        try (Client client = client(base)) {
            return client.models.embedContent("embed-test", text, null).embeddings().orElseThrow().get(0).values().orElseThrow().toString();
        }
    }

    private static String count(String base, String text) {
        try (Client client = client(base)) {
            return String.valueOf(client.models.countTokens("gemini-test", text, null).totalTokens().orElseThrow());
        }
    }

    private static List<String> models(String base) {
        List<String> names = new ArrayList<>();
        try (Client client = client(base)) {
            for (Model model : client.models.list(ListModelsConfig.builder().pageSize(2).build())) {
                names.add(model.name().orElseThrow());
            }
        }
        return names;
    }
}

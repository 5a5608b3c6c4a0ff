// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.replay4j.fakeupstream.testing.RecordingFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** openai-java against an Azure OpenAI deployment URL ({@code /openai/deployments/{name}/...?api-version=}, {@code api-key}). */
@Timeout(60)
class AzureOpenAiJavaTest {
    private static final String TEST_ID = "dev.replay4j.e2e.AzureOpenAiJavaTest::calls";

    @TempDir
    Path recordings;

    @Test
    void chat_on_a_deployment_url_records_then_replays() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID, base -> List.of(chat(base, "hello")),
                base -> List.of(chat(base, "something new")));
        assertThat(answers.get(0)).matches("Echo: hello #\\d+");
        assertThat(RecordingFiles.all(recordings)).allSatisfy(file -> assertThat(RecordingFiles.read(file))
                .contains("/openai/deployments/my-gpt/chat/completions?api-version="));
    }

    @Test
    void streaming_chat_on_a_deployment_url_records_then_replays() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID, base -> List.of(stream(base, "stream this")),
                base -> List.of(stream(base, "stream more")));
        assertThat(answers.get(0)).matches("Echo: stream this #\\d+");
    }

    static OpenAIClient client(String base) {
        return OpenAIOkHttpClient.builder().baseUrl(base).credential(AzureApiKeyCredential.create(RecordReplayCheck.API_KEY))
                .azureServiceVersion(AzureOpenAIServiceVersion.latestStableVersion()).azureUrlPathMode(AzureUrlPathMode.LEGACY)
                .maxRetries(0).build();
    }

    private static String chat(String base, String text) {
        return client(base).chat().completions().create(ChatCompletionCreateParams.builder().model("my-gpt").addUserMessage(text).build())
                .choices().get(0).message().content().orElseThrow();
    }

    private static String stream(String base, String text) {
        StringBuilder out = new StringBuilder();
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("my-gpt").addUserMessage(text).build();
        try (StreamResponse<ChatCompletionChunk> chunks = client(base).chat().completions().createStreaming(params)) {
            chunks.stream().forEach(c -> c.choices().forEach(choice -> choice.delta().content().ifPresent(out::append)));
        }
        return out.toString();
    }
}

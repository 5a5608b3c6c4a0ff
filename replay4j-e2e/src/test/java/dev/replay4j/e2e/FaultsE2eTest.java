// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.replay4j.Mode;
import dev.replay4j.ReplayProxy;
import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.RecordingFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Faults on demand, as the official client libraries see them: their own exceptions, their own retries. */
@Timeout(60)
class FaultsE2eTest {
    private static final String TEST_ID = "dev.replay4j.e2e.FaultsE2eTest::faults";

    @TempDir
    Path recordings;

    private ReplayProxy proxy(FakeUpstream upstream, String... faults) throws Exception {
        ReplayProxy.Builder builder = ReplayProxy.builder().recordings(recordings).mode(Mode.RECORD_IF_MISSING)
                .upstream(upstream.url());
        for (String fault : faults) {
            builder.fault(fault);
        }
        return builder.build().start();
    }

    private static ChatCompletionCreateParams chat(String text) {
        return ChatCompletionCreateParams.builder().model("gpt-test").addUserMessage(text).build();
    }

    @Test
    void openai_java_retries_a_rate_limit_after_its_retry_after_and_succeeds() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start();
             ReplayProxy proxy = proxy(upstream, "status=429,retry-after=1,times=1")) {
            OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(proxy.baseUrl(TEST_ID) + "/v1")
                    .apiKey(RecordReplayCheck.API_KEY).maxRetries(2).build();
            long start = System.nanoTime();
            String answer = client.chat().completions().create(chat("retry me")).choices().get(0).message().content().orElseThrow();
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(answer).matches("Echo: retry me #1");
            assertThat(ms).as("it waited out Retry-After: 1").isGreaterThanOrEqualTo(900);
            assertThat(upstream.calls()).as("the 429 never reached the upstream").isEqualTo(1);
        }
        assertThat(RecordingFiles.all(recordings)).as("only the successful retry is recorded").hasSize(1);

        try (FakeUpstream upstream = FakeUpstream.start();
             ReplayProxy proxy = proxy(upstream, "status=429,retry-after=1,times=1")) {
            OpenAIClient noRetries = OpenAiJavaTest.client(proxy.baseUrl(TEST_ID));
            assertThatThrownBy(() -> noRetries.chat().completions().create(chat("retry me")))
                    .isInstanceOf(RateLimitException.class);
        }
    }

    @Test
    void langChain4jTimesOutOnADelayLongerThanItsTimeout() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start();
             ReplayProxy proxy = proxy(upstream, "delay=3000")) {
            OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(proxy.baseUrl(TEST_ID) + "/v1")
                    .apiKey(RecordReplayCheck.API_KEY).modelName("gpt-test").timeout(Duration.ofMillis(500)).maxRetries(0).build();
            assertThatThrownBy(() -> model.chat("too slow")).isInstanceOf(TimeoutException.class);
        }
        assertThat(RecordingFiles.all(recordings)).as("a faulted exchange is never recorded").isEmpty();
    }

    @Test
    void a_cut_stream_is_an_error_for_openai_java() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start();
             ReplayProxy proxy = proxy(upstream, "cut-after=3")) {
            OpenAIClient client = OpenAiJavaTest.client(proxy.baseUrl(TEST_ID));
            StringBuilder seen = new StringBuilder();
            assertThatThrownBy(() -> {
                try (StreamResponse<ChatCompletionChunk> chunks = client.chat().completions().createStreaming(chat("cut me"))) {
                    chunks.stream().forEach(c -> c.choices().forEach(choice -> choice.delta().content().ifPresent(seen::append)));
                }
            }).isInstanceOf(OpenAIIoException.class);
            assertThat(seen.toString()).as("the first events arrived").isNotEmpty();
        }
        assertThat(RecordingFiles.all(recordings)).isEmpty();
    }

    @Test
    void aCutStreamIsAnErrorForEachLangChain4jModule() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start();
             ReplayProxy proxy = proxy(upstream, "cut-after=3,endpoint=/v1/chat/completions", "cut-after=3,endpoint=/v1/messages",
                     "cut-after=2,endpoint=/api/chat")) { // the fake's Ollama stream is 3 lines: the last is done: true
            String base = proxy.baseUrl(TEST_ID);
            StreamingChatModel openAi = OpenAiStreamingChatModel.builder().baseUrl(base + "/v1").apiKey(RecordReplayCheck.API_KEY)
                    .modelName("gpt-test").build();
            StreamingChatModel anthropic = AnthropicStreamingChatModel.builder().baseUrl(base + "/v1/")
                    .apiKey(RecordReplayCheck.API_KEY).modelName("claude-test").maxTokens(100).build();
            StreamingChatModel ollama = OllamaStreamingChatModel.builder().baseUrl(base).modelName("llama-test").build();
            for (StreamingChatModel model : new StreamingChatModel[] {openAi, anthropic, ollama}) {
                assertThatThrownBy(() -> LangChain4jCalls.stream(model, "cut me"))
                        .as(model.getClass().getSimpleName()).isInstanceOf(ExecutionException.class);
            }
            assertThat(upstream.calls()).isEqualTo(3);
        }
        assertThat(RecordingFiles.all(recordings)).isEmpty();
    }

    @Test
    void anAnthropic529ReachesTheCallerAsLangChain4jsServerError() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start();
             ReplayProxy proxy = proxy(upstream, "status=529")) {
            AnthropicChatModel model = AnthropicChatModel.builder().baseUrl(proxy.baseUrl(TEST_ID) + "/v1/")
                    .apiKey(RecordReplayCheck.API_KEY).modelName("claude-test").maxTokens(100).maxRetries(0).build();
            assertThatThrownBy(() -> model.chat("are you there?")).isInstanceOf(InternalServerException.class)
                    .hasMessageContaining("overloaded_error");
            assertThat(upstream.calls()).isZero();
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ObjectMappers;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.replay4j.Layout;
import dev.replay4j.ReplayProxy;
import java.io.BufferedReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The public llama-stack sample, replayed through the OpenAI SDK: each request body is the recorded one, given to
 * the SDK as a whole ({@code ChatCompletionCreateParams.Body} read from the recorded JSON), with the recorded test
 * id in the {@code X-Replay4j-Test-Id} header; the answer must be the recorded one.
 */
@Timeout(60)
class LlamaStackSampleTest {
    private static final int PER_WIRE = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> entries() throws Exception {
        String shared = System.getProperty("replay4j.shared");
        Path root = shared == null ? null : Path.of(shared, "conformance", "llama-stack");
        if (root == null || !Files.isRegularFile(root.resolve("expected-replay.jsonl"))) {
            // One invocation that skips with the reason: an aborted source would be reported as no test at all.
            String reason = "the llama-stack sample is not at " + (root == null ? "(no replay4j.shared)"
                    : root.toAbsolutePath().normalize()) + ": set -Dreplay4j.shared=DIR to the shared/ folder (the root pom"
                    + " does: ${maven.multiModuleProjectDirectory}/../shared)";
            // Said once in the build's output too, not only in the test reports.
            System.err.println("[replay4j] SKIPPED " + LlamaStackSampleTest.class.getName() + ": " + reason);
            return Stream.of(Arguments.of(null, reason, null, false));
        }
        List<Arguments> picked = new ArrayList<>();
        int json = 0;
        int sse = 0;
        try (BufferedReader lines = Files.newBufferedReader(root.resolve("expected-replay.jsonl"), StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode entry = JSON.readTree(line);
                if (!entry.path("path").asText().equals("/v1/chat/completions")) {
                    continue;
                }
                boolean isSse = entry.path("wire").asText().equals("sse");
                if (isSse ? sse++ < PER_WIRE : json++ < PER_WIRE) {
                    picked.add(Arguments.of(root, entry.path("file").asText(),
                            entry.get("test_id").isNull() ? null : entry.get("test_id").asText(), isSse));
                }
            }
        }
        return picked.stream();
    }

    @ParameterizedTest
    @MethodSource("entries")
    void answers_as_recorded(Path root, String file, String testId, boolean sse) throws Exception {
        assumeTrue(root != null, file);
        JsonNode recording = JSON.readTree(Files.readString(root.resolve(file), StandardCharsets.UTF_8));
        JsonNode body = recording.path("request").path("body");
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .body(ObjectMappers.jsonMapper().treeToValue(body, ChatCompletionCreateParams.Body.class))
                .build();

        try (ReplayProxy proxy = ReplayProxy.builder().recordings(root).layout(Layout.LLAMA_STACK).build().start()) {
            OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder().baseUrl(proxy.url() + "/v1")
                    .apiKey("sk-unused").maxRetries(0);
            if (testId != null) {
                builder.putHeader(ReplayProxy.TEST_ID_HEADER, URLEncoder.encode(testId, StandardCharsets.UTF_8).replace("+", "%20"));
            }
            OpenAIClient client = builder.build();
            String answer = sse ? streamed(client, params) : client.chat().completions().create(params).choices().get(0)
                    .message().content().orElse("");
            String recorded = recordedAnswer(recording.path("response"), sse);
            assertThat(recorded).as("a recording with an answer to compare").isNotEmpty();
            assertThat(answer).isEqualTo(recorded);
        }
    }

    private static String streamed(OpenAIClient client, ChatCompletionCreateParams params) {
        StringBuilder out = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> chunks = client.chat().completions().createStreaming(params)) {
            chunks.stream().forEach(c -> c.choices().forEach(choice -> choice.delta().content().ifPresent(out::append)));
        }
        return out.toString();
    }

    private static String recordedAnswer(JsonNode response, boolean sse) {
        if (!sse) {
            return response.path("body").path("__data__").path("choices").path(0).path("message").path("content").asText("");
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode chunk : response.path("body")) {
            for (JsonNode choice : chunk.path("__data__").path("choices")) {
                JsonNode content = choice.path("delta").path("content");
                if (content.isTextual()) {
                    out.append(content.textValue());
                }
            }
        }
        return out.toString();
    }
}

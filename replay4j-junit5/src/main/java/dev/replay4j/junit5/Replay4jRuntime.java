// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import dev.replay4j.Mode;
import java.net.URI;
import java.nio.file.Path;

/**
 * What one test needs to know about replay4j: the base URL to give its client, and the test id, mode and
 * recordings folder behind it. Injected into test, {@code @BeforeEach} and {@code @AfterEach} methods; valid for
 * that test only, since its base URL carries the test id (which is what keeps concurrent tests apart).
 */
public final class Replay4jRuntime {
    private final URI proxyUrl;
    private final String baseUrl;
    private final String testId;
    private final Mode mode;
    private final Path recordingsDir;

    Replay4jRuntime(URI proxyUrl, String baseUrl, String testId, Mode mode, Path recordingsDir) {
        this.proxyUrl = proxyUrl;
        this.baseUrl = baseUrl;
        this.testId = testId;
        this.mode = mode;
        this.recordingsDir = recordingsDir;
    }

    /** The proxy's root followed by this test's prefix, such as {@code http://127.0.0.1:41234/_replay4j/test/com.acme.ChatTest%3A%3Aanswers}; no API path. */
    public String baseUrl() {
        return baseUrl;
    }

    /** {@link #baseUrl()} + {@code /v1}: for OpenAI clients (openai-java, LangChain4j, Spring AI's {@code /v1}-less clients excepted). */
    public String openAiBaseUrl() {
        return baseUrl + "/v1";
    }

    /** {@link #baseUrl()} as is: Ollama clients add {@code /api/...} themselves. */
    public String ollamaBaseUrl() {
        return baseUrl;
    }

    /** {@link #baseUrl()} + {@code /v1}: for Anthropic clients that append {@code messages} (LangChain4j's). */
    public String anthropicBaseUrl() {
        return baseUrl + "/v1";
    }

    /** The proxy's root URL, such as {@code http://127.0.0.1:41234}, for clients that send the test id as a header instead. */
    public URI proxyUrl() {
        return proxyUrl;
    }

    /** This test's id, such as {@code com.acme.ChatTest::answers} or {@code com.acme.ChatTest::answers[2]}. */
    public String testId() {
        return testId;
    }

    public Mode mode() {
        return mode;
    }

    /** The recordings root (not this test's folder in it). */
    public Path recordingsDir() {
        return recordingsDir;
    }

    @Override
    public String toString() {
        return "Replay4jRuntime[test id " + testId + ", mode " + mode + ", base URL " + baseUrl + "]";
    }
}

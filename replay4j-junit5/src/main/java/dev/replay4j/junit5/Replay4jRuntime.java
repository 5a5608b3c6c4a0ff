// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import dev.replay4j.Mode;
import dev.replay4j.internal.proxy.Fault;
import dev.replay4j.internal.proxy.ProxyServer;
import java.net.URI;
import java.nio.file.Path;

/**
 * What one test needs to know about replay4j: the base URL to give its client, and the test id, mode and
 * recordings folder behind it. Injected into test, {@code @BeforeEach} and {@code @AfterEach} methods; valid for
 * that test only, since its base URL carries the test id (which is what keeps concurrent tests apart).
 */
public final class Replay4jRuntime {
    private final ProxyServer proxy;
    private final URI proxyUrl;
    private final String baseUrl;
    private final String testId;
    private final Mode mode;
    private final Path recordingsDir;

    Replay4jRuntime(ProxyServer proxy, URI proxyUrl, String baseUrl, String testId, Mode mode, Path recordingsDir) {
        this.proxy = proxy;
        this.proxyUrl = proxyUrl;
        this.baseUrl = baseUrl;
        this.testId = testId;
        this.mode = mode;
        this.recordingsDir = recordingsDir;
    }

    /** The proxy's root followed by this test's prefix, such as
     * {@code http://127.0.0.1:41234/_replay4j/id/Y29tLmFjbWUuQ2hhdFRlc3Q6OmFuc3dlcnM} (base64url of the test id, which
     * survives clients that encode their base URL again); no API path. */
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

    /**
     * Gives this test's requests a fault, from now until the test ends (it never reaches another test, parallel
     * ones included), after the faults set before. {@code spec} is a comma-separated list of {@code key=value}:
     * <ul>
     *   <li>{@code status=N}: the API's own error for that status (OpenAI's, Anthropic's, with 529
     *       {@code overloaded_error}, Ollama's), with {@code retry-after=SECONDS} the {@code Retry-After} header;
     *       the upstream is not called;</li>
     *   <li>{@code reset}: the connection closed without an answer;</li>
     *   <li>{@code delay=MS}: a wait before the answer's first byte;</li>
     *   <li>{@code cut-after=N}: the first N events of a stream (N bytes of another answer), then the connection
     *       closed without the terminal event;</li>
     *   <li>filters: {@code endpoint=PATH} (such as {@code /v1/chat/completions}), {@code times=N} (the first N
     *       matching requests of this test, then normal answers), {@code rate=P,seed=S} (a repeatable fraction of
     *       them).</li>
     * </ul>
     * A faulted exchange is never recorded, in any mode.
     *
     * <pre>{@code replay4j.fault("status=429,retry-after=1,times=1"); // the first call is rate limited, the retry succeeds}</pre>
     *
     * @return this runtime
     * @throws IllegalArgumentException naming the item of the spec that is wrong
     */
    public Replay4jRuntime fault(String spec) {
        proxy.addTestFault(testId, Fault.parse(spec));
        return this;
    }

    /** Drops the faults this test set: its next requests are answered normally. */
    public Replay4jRuntime clearFaults() {
        proxy.clearTestFaults(testId);
        return this;
    }

    @Override
    public String toString() {
        return "Replay4jRuntime[test id " + testId + ", mode " + mode + ", base URL " + baseUrl + "]";
    }
}

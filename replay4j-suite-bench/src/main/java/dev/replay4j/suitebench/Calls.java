// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.suitebench;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.replay4j.fakeupstream.testing.HttpConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one call each test makes, through openai-java or LangChain4j, as a test would write it: a client built for the
 * test's base URL, one chat completion, the answer's text checked. Notes when the run's first answer arrived.
 *
 * <p>A third client, {@code socket}, is the one that costs nothing: one HTTP/1.1 request written by hand on a plain
 * socket ({@link HttpConnection}, the load generator's client), the answer read whole. A client library's own start takes seconds in a test JVM and hides the server's;
 * with this one, the first answer and each test's time are the server's own.
 */
public final class Calls {
    /** {@link System#nanoTime} of the first answer of the run; 0 until then. */
    static final AtomicLong FIRST_ANSWER = new AtomicLong();

    private Calls() {
    }

    /** The prompt of test {@code i}: the same in the recording run and the measured ones. */
    static String prompt(int i) {
        return "Say hello to test " + i;
    }

    static void openAi(String baseUrl, int i) {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("not-needed-in-replay").maxRetries(0).build();
        try {
            String text = client.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-test")
                    .addUserMessage(prompt(i)).build()).choices().get(0).message().content().orElseThrow();
            answered(text);
        } finally {
            client.close();
        }
    }

    static void langChain4j(String baseUrl, int i) {
        OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(baseUrl).apiKey("not-needed-in-replay").modelName("gpt-test")
                .maxRetries(0).build();
        answered(model.chat(prompt(i)));
    }

    static void socket(String baseUrl, int i) {
        URI uri = URI.create(baseUrl);
        byte[] body = ("{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt(i) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream answer = new ByteArrayOutputStream(1024);
        int status;
        try (HttpConnection c = new HttpConnection(uri.getHost(), uri.getPort(), 30_000)) {
            c.output().write(HttpConnection.post(uri.getPort(), uri.getRawPath() + "/chat/completions", body, true));
            c.output().flush();
            status = c.readResponse(null, answer);
        } catch (HttpConnection.ClosedAfterResponse e) {
            status = e.status(); // Connection: close, as asked: the answer is whole
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (status != 200) {
            throw new AssertionError("not a 200: " + status);
        }
        String text = answer.toString(StandardCharsets.UTF_8);
        int content = text.indexOf("\"content\"");
        answered(content < 0 ? null : text.substring(content));
    }

    private static void answered(String text) {
        FIRST_ANSWER.compareAndSet(0, System.nanoTime());
        if (text == null || text.isEmpty()) {
            throw new AssertionError("no answer text");
        }
    }

    /** Which client the run uses: {@code -Dsuite.client=openai-java|langchain4j|socket}. */
    static void call(String baseUrl, int i) {
        switch (System.getProperty("suite.client", "openai-java")) {
            case "langchain4j":
                langChain4j(baseUrl, i);
                break;
            case "socket":
                socket(baseUrl, i);
                break;
            case "openai-java":
                openAi(baseUrl, i);
                break;
            default:
                throw new IllegalArgumentException("suite.client: " + System.getProperty("suite.client")
                        + " is none of openai-java, langchain4j, socket");
        }
    }
}

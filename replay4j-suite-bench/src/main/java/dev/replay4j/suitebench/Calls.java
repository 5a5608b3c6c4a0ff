// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.suitebench;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one call each test makes, through openai-java or LangChain4j, as a test would write it: a client built for the
 * test's base URL, one chat completion, the answer's text checked. Notes when the run's first answer arrived.
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

    private static void answered(String text) {
        FIRST_ANSWER.compareAndSet(0, System.nanoTime());
        if (text == null || text.isEmpty()) {
            throw new AssertionError("no answer text");
        }
    }

    /** Which client the run uses: {@code -Dsuite.client=openai-java|langchain4j}. */
    static void call(String baseUrl, int i) {
        if ("langchain4j".equals(System.getProperty("suite.client", "openai-java"))) {
            langChain4j(baseUrl, i);
        } else {
            openAi(baseUrl, i);
        }
    }
}

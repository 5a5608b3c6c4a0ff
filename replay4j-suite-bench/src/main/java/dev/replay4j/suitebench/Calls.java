// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.suitebench;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one call each test makes, through openai-java or LangChain4j, as a test would write it: a client built for the
 * test's base URL, one chat completion, the answer's text checked. Notes when the run's first answer arrived.
 *
 * <p>A third client, {@code socket}, is the one that costs nothing: one HTTP/1.1 request written by hand on a plain
 * socket, the answer read to its end. A client library's own start takes seconds in a test JVM and hides the server's;
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
        byte[] head = ("POST " + uri.getRawPath() + "/chat/completions HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        String answer;
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            answer = readAnswer(new BufferedInputStream(s.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!answer.startsWith("HTTP/1.1 200 ")) {
            throw new AssertionError("not a 200: " + answer.lines().findFirst().orElse(""));
        }
        int content = answer.indexOf("\"content\"");
        answered(content < 0 ? null : answer.substring(content));
    }

    /**
     * One HTTP/1.1 answer: its head, then a body of its {@code Content-Length}, of chunks, or up to the end of the stream
     * (a server may keep the connection open after {@code Connection: close}, as MockWebServer does).
     */
    private static String readAnswer(InputStream in) throws IOException {
        String head = line(in);
        long length = -1;
        boolean chunked = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            String name = h.substring(0, Math.max(h.indexOf(':'), 0)).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(h.indexOf(':') + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
        if (chunked) {
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else if (length >= 0) {
            body.write(in.readNBytes((int) length));
        } else {
            in.transferTo(body);
        }
        return head + "\n" + body.toString(StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the connection ended inside an answer's head: " + sb);
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
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

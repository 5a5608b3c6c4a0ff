// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.internal.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay4j serve} in a JVM of its own with a small heap: a body it cannot afford gets a 413 or a 503 in the
 * API's error shape, never a dropped connection, and the server serves on. Before, the first such body ran the
 * JVM out of memory in its handler thread, which died, and the client saw the connection go.
 */
@Timeout(120)
class SmallHeapTest {
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void a_body_larger_than_the_heap_can_take_gets_413() throws Exception {
        try (Serve serve = new Serve(dir, "-Xmx64m")) {
            String image = "QUJD".repeat(6_000_000); // 24 MB, under the 32 MiB limit
            HttpResponse<String> r = post(serve, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                    + "\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + image + "\"}}]}]}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
            assertThat(Json.parse(r.body()).at("/error/type").textValue()).isEqualTo("replay4j_body_too_large");
            assertThat(r.body()).contains("-Xmx");
            assertThat(post(serve, "{\"model\":\"m\"}").statusCode()).isEqualTo(404); // and it serves on
        }
    }

    @Test
    void a_body_whose_tree_would_outgrow_the_heap_is_refused_before_it_is_parsed_and_the_server_serves_on() throws Exception {
        // Four MB of empty objects make a tree of about 100 MB, twenty-five times the body: more than the budget
        // counts a body at. Parsed, it would run the heap out, and the error could land in the JDK server's
        // dispatcher thread, after which the server answers no one; its tree is counted before it is parsed.
        try (Serve serve = new Serve(dir, "-Xmx64m")) {
            String body = "[" + "{},".repeat(1_400_000) + "{}]";
            HttpResponse<String> r = post(serve, body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
            assertThat(Json.parse(r.body()).at("/error/type").textValue()).isEqualTo("replay4j_body_too_large");
            assertThat(r.body()).contains("holds so many values").contains("-Xmx");
            assertThat(post(serve, "{\"model\":\"m\"}").statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> post(Serve serve, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(serve.url + "/v1/chat/completions")).expectContinue(true)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code replay4j serve} (mode replay) over {@code dir}, in a JVM started with {@code jvmArgs}. */
    private static final class Serve implements AutoCloseable {
        final Process process;
        final String url;

        Serve(Path dir, String... jvmArgs) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            cmd.addAll(List.of(jvmArgs));
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--dir", dir.toString(),
                    "--port", "0"));
            process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("replay4j serving http://")) {
                process.destroyForcibly();
                throw new IOException("serve did not start: " + line);
            }
            url = line.substring("replay4j serving ".length(), line.indexOf(' ', "replay4j serving ".length()));
            Thread drain = new Thread(() -> {
                try {
                    out.transferTo(Writer.nullWriter());
                } catch (IOException ended) {
                    // the process is gone
                }
            });
            drain.setDaemon(true);
            drain.start();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}

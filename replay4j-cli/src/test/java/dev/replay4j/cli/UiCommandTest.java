// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.fakeupstream.testing.Http;
import dev.replay4j.fakeupstream.testing.SharedData;
import dev.replay4j.internal.json.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** replay4j ui over real files, through real HTTP: what it lists and finds, and what it refuses. */
@Timeout(120)
class UiCommandTest {
    @TempDir
    Path dir;

    private static String recording(String testId, String prompt, String answer) {
        return "{\n  \"test_id\": " + Json.write(Json.nodes().textNode(testId)) + ",\n  \"request\": {\"method\": \"POST\", \"url\": "
                + "\"http://up/v1/chat/completions\", \"headers\": {}, \"body\": {\"model\": \"gpt-test\", \"messages\": [{\"role\": "
                + "\"user\", \"content\": " + Json.write(Json.nodes().textNode(prompt)) + "}]}, \"endpoint\": \"/v1/chat/completions\","
                + " \"model\": \"gpt-test\"},\n  \"response\": {\"body\": {\"choices\": [{\"index\": 0, \"finish_reason\": \"stop\","
                + " \"message\": {\"role\": \"assistant\", \"content\": " + Json.write(Json.nodes().textNode(answer)) + "}}]},"
                + " \"is_streaming\": false}\n}\n";
    }

    private Path write(String relative, String content) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private static JsonNode json(String url) throws Exception {
        HttpResponse<String> r = Http.get(url);
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return Json.parse(r.body());
    }

    /** A raw request, for what Java's client will not send: another Host, a path it would normalise. */
    private static String raw(String url, String requestLine, String host) throws Exception {
        URI u = URI.create(url);
        try (Socket s = new Socket(u.getHost(), u.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write((requestLine + "\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void the_list_searches_prompts_and_answers_and_filters_by_test() throws Exception {
        write("com/acme/ChatTest/a.json", recording("com.acme.ChatTest::sun", "Why is the sky blue?", "Rayleigh scattering"));
        write("com/acme/ChatTest/b.json", recording("com.acme.ChatTest::moon", "How far is the moon?", "About 384,400 km"));
        try (RunningUi ui = new RunningUi(dir.toString())) {
            assertThat(ui.firstLine).startsWith("replay4j ui http://127.0.0.1:");
            JsonNode all = json(ui.url + "_replay4j/ui/api/list");
            assertThat(all.get("total").asInt()).isEqualTo(2);
            JsonNode found = json(ui.url + "_replay4j/ui/api/list?q=RAYLEIGH");
            assertThat(found.get("matched").asInt()).isEqualTo(1);
            assertThat(found.at("/tests/0/recordings/0/path").asText()).isEqualTo("com/acme/ChatTest/a.json");
            assertThat(found.at("/tests/0/recordings/0/title").asText()).isEqualTo("Why is the sky blue?");
            assertThat(json(ui.url + "_replay4j/ui/api/list?test=moon").get("matched").asInt()).isEqualTo(1);
            assertThat(json(ui.url + "_replay4j/ui/api/list?verdict=current").get("matched").asInt()).isZero(); // names are not keys
        }
    }

    @Test
    void a_re_recorded_file_shows_on_the_next_reload() throws Exception {
        Path file = write("T/a.json", recording("T::m", "first prompt", "first answer"));
        try (RunningUi ui = new RunningUi(dir.toString())) {
            assertThat(json(ui.url + "_replay4j/ui/api/recording?path=T/a.json").at("/view/answer/text").asText()).isEqualTo("first answer");
            Files.writeString(file, recording("T::m", "first prompt", "a different, longer answer"));
            assertThat(json(ui.url + "_replay4j/ui/api/recording?path=T/a.json").at("/view/answer/text").asText())
                    .isEqualTo("a different, longer answer");
            assertThat(json(ui.url + "_replay4j/ui/api/list?q=longer").get("matched").asInt()).isEqualTo(1);
            // Re-recorded as replay4j writes: a new file of the same size renamed over the old one, within the same tick.
            Path next = file.resolveSibling("a.json.tmp");
            Files.writeString(next, recording("T::m", "first prompt", "a different, longer zebras"));
            Files.setLastModifiedTime(next, Files.getLastModifiedTime(file));
            Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            assertThat(json(ui.url + "_replay4j/ui/api/list?q=zebras").at("/tests/0/recordings/0/path").asText()).isEqualTo("T/a.json");
            assertThat(json(ui.url + "_replay4j/ui/api/recording?path=T/a.json").at("/view/answer/text").asText())
                    .isEqualTo("a different, longer zebras");
        }
    }

    @Test
    void no_path_leaves_the_folder_encoded_or_not_nor_through_a_link() throws Exception {
        Path inside = dir.resolve("recordings");
        Files.createDirectories(inside);
        Files.writeString(inside.resolve("ok.json"), recording("T::m", "p", "a"));
        Files.writeString(dir.resolve("secret.json"), recording("T::m", "the secret", "leaked"));
        Files.createSymbolicLink(inside.resolve("link.json"), dir.resolve("secret.json"));
        try (RunningUi ui = new RunningUi(inside.toString())) {
            String host = URI.create(ui.url).getAuthority();
            assertThat(raw(ui.url, "GET /r/ok.json HTTP/1.1", host)).startsWith("HTTP/1.1 200");
            for (String path : new String[] {"/r/../secret.json", "/r/..%2Fsecret.json", "/r/%2e%2e/secret.json", "/r/%2E%2E%2Fsecret.json",
                    "/r/link.json", "/r/%2Fetc%2Fpasswd", "/r/ok.json%00"}) {
                assertThat(raw(ui.url, "GET " + path + " HTTP/1.1", host)).as(path).startsWith("HTTP/1.1 404");
            }
            for (String api : new String[] {"recording?path=../secret.json", "recording?path=..%2Fsecret.json", "raw?path=link.json",
                    "raw?path=%2F" + dir.resolve("secret.json").toString().substring(1).replace("/", "%2F"), "diff?a=ok.json&b=../secret.json"}) {
                String answer = raw(ui.url, "GET /_replay4j/ui/api/" + api + " HTTP/1.1", host);
                assertThat(answer).as(api).startsWith("HTTP/1.1 404").doesNotContain("leaked");
            }
            assertThat(json(ui.url + "_replay4j/ui/api/list").get("total").asInt()).as("the link out is not listed").isEqualTo(1);
        }
    }

    @Test
    void another_host_and_other_methods_are_refused_and_every_answer_has_the_policy() throws Exception {
        write("T/a.json", recording("T::m", "p", "a"));
        try (RunningUi ui = new RunningUi(dir.toString())) {
            String port = String.valueOf(URI.create(ui.url).getPort());
            assertThat(raw(ui.url, "GET /_replay4j/ui/api/list HTTP/1.1", "evil.example:" + port)).startsWith("HTTP/1.1 403");
            assertThat(raw(ui.url, "GET /_replay4j/ui/api/list HTTP/1.1", "127.0.0.1:1")).startsWith("HTTP/1.1 403");
            assertThat(raw(ui.url, "GET /_replay4j/ui/api/list HTTP/1.1", "localhost:" + port)).startsWith("HTTP/1.1 200");
            HttpResponse<String> post = Http.send(HttpRequest.newBuilder(URI.create(ui.url + "_replay4j/ui/api/list"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(post.statusCode()).isEqualTo(405);
            HttpResponse<String> page = Http.get(ui.url + "?q=x");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                    .contains("script-src 'self'").doesNotContain("unsafe-inline");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Test
    void with_usage_the_last_run_lists_served_missed_and_unused() throws Exception {
        write("T/used.json", recording("T::m", "p", "a"));
        write("T/old.json", recording("T::m", "q", "b"));
        Path usage = dir.resolve("../usage.json").normalize();
        Files.writeString(usage, "{\"version\": 1, \"root\": \"" + dir + "\", \"mode\": \"replay\", \"served\": [{\"file\": \"T/used.json\","
                + " \"key\": \"k\", \"count\": 1}], \"recorded\": [], \"missed\": [{\"method\": \"POST\", \"path\": \"/v1/chat/completions\","
                + " \"test_id\": \"T::m\", \"key\": \"abc\"}]}");
        try (RunningUi ui = new RunningUi(dir.toString(), "--usage", usage.toString())) {
            JsonNode list = json(ui.url + "_replay4j/ui/api/list");
            assertThat(list.at("/run/served").asInt()).isEqualTo(1);
            assertThat(list.at("/run/unused").asInt()).isEqualTo(1);
            assertThat(list.at("/run/missed/0/nearest").asText()).startsWith("T/");
            assertThat(json(ui.url + "_replay4j/ui/api/list?use=unused").at("/tests/0/recordings/0/path").asText()).isEqualTo("T/old.json");
        }
    }

    @Test
    void the_conformance_sample_lists_whole() throws Exception {
        Path sample = SharedData.llamaStack();
        try (RunningUi ui = new RunningUi(sample.toString())) {
            JsonNode list = json(ui.url + "_replay4j/ui/api/list");
            assertThat(list.get("total").asInt()).isEqualTo(814);
            assertThat(list.at("/facets/verdict").toString()).contains("current", "legacy", "mismatch", "other");
        }
    }
}

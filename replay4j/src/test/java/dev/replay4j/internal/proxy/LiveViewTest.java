// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.Mode;
import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.ChatBodies;
import dev.replay4j.fakeupstream.testing.Http;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.view.SeenRequest;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** serve's live view: GET /_replay4j/ and the JSON it polls show each request as the proxy saw it, and nothing more. */
@Timeout(60)
class LiveViewTest {
    @TempDir
    Path dir;

    private static JsonNode live(ProxyServer proxy, long after) throws Exception {
        HttpResponse<String> r = Http.get(proxy.url() + "/_replay4j/ui/api/live?after=" + after);
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.parse(r.body());
    }

    /**
     * The live view once it holds {@code count} requests: an exchange is noted when its handler ends, which can be
     * just after the client has read the whole answer.
     */
    private static JsonNode liveOnce(ProxyServer proxy, int count) throws Exception {
        for (int i = 0; i < 500; i++) {
            JsonNode seen = live(proxy, 0);
            if (seen.get("requests").size() >= count) {
                return seen;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the live view never showed " + count + " requests: " + live(proxy, 0));
    }

    @Test
    void each_request_shows_with_its_test_key_outcome_and_status_and_a_miss_with_its_explanation() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start();
             ProxyServer proxy = new ProxyServer(ProxyConfig.builder().recordings(dir).mode(Mode.RECORD_IF_MISSING)
                     .upstream(upstream.url()).build()).start()) {
            List<SeenRequest> heard = new CopyOnWriteArrayList<>();
            proxy.seenRequests().listen(heard::add);
            String base = proxy.baseUrl("com.acme.ChatTest::sun");
            assertThat(Http.post(base + "/v1/chat/completions", ChatBodies.openAi("hi")).statusCode()).isEqualTo(200);
            assertThat(Http.post(base + "/v1/chat/completions", ChatBodies.openAi("hi")).statusCode()).isEqualTo(200);

            JsonNode seen = liveOnce(proxy, 2);
            assertThat(seen.get("mode").asText()).isEqualTo("record-if-missing");
            JsonNode first = seen.at("/requests/0");
            assertThat(first.get("test_id").asText()).isEqualTo("com.acme.ChatTest::sun");
            assertThat(first.get("path").asText()).isEqualTo("/v1/chat/completions");
            assertThat(first.get("outcome").asText()).isEqualTo("recorded");
            assertThat(first.get("file").asText()).startsWith("com/acme/ChatTest/").endsWith(".json");
            assertThat(first.get("key").asText()).hasSize(64);
            assertThat(seen.at("/requests/1/outcome").asText()).isEqualTo("served");
            assertThat(live(proxy, 1).get("requests")).hasSize(1);
            assertThat(heard).extracting(SeenRequest::outcome).containsExactly("recorded", "served");
        }
        try (ProxyServer replay = new ProxyServer(ProxyConfig.builder().recordings(dir).build()).start()) {
            assertThat(Http.post(replay.baseUrl("com.acme.ChatTest::moon") + "/v1/chat/completions?api_key=sk-secret",
                    ChatBodies.openAi("other")).statusCode()).isEqualTo(404);
            JsonNode miss = liveOnce(replay, 1).at("/requests/0");
            assertThat(miss.get("outcome").asText()).isEqualTo("missed");
            assertThat(miss.get("status").asInt()).isEqualTo(404);
            assertThat(miss.get("explanation").asText()).contains("no recording for POST /v1/chat/completions", "nearest recording");
            assertThat(miss.toString()).doesNotContain("sk-secret");
        }
    }

    @Test
    void the_page_answers_get_only_at_the_proxys_own_address_and_test_routes_still_proxy() throws Exception {
        try (ProxyServer proxy = new ProxyServer(ProxyConfig.builder().recordings(dir).build()).start()) {
            HttpResponse<String> page = Http.get(proxy.url() + "/_replay4j/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("/_replay4j/ui/app.js");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
            assertThat(Http.get(proxy.url() + "/_replay4j/ui/app.js").statusCode()).isEqualTo(200);
            assertThat(rawStatus(proxy, "GET /_replay4j/ HTTP/1.1", "rebound.example:" + proxy.port())).isEqualTo(403);
            // a test's model list is the proxy's, not the page's
            HttpResponse<String> models = Http.get(proxy.baseUrl("T::m") + "/v1/models");
            assertThat(models.headers().firstValue("Content-Security-Policy")).isEmpty();
            assertThat(liveOnce(proxy, 1).at("/requests/0/path").asText()).isEqualTo("/v1/models");
        }
    }

    private static int rawStatus(ProxyServer proxy, String requestLine, String host) throws Exception {
        try (Socket s = new Socket("127.0.0.1", proxy.port())) {
            OutputStream out = s.getOutputStream();
            out.write((requestLine + "\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return Integer.parseInt(answer.substring(9, 12));
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.internal.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Requests that carry no test id of their own, attributed by an in-process integration through {@link RunningTests}. */
@Timeout(30)
class TestAttributionTest {
    private static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private final RunningTests running = new RunningTests();

    private HttpResponse<String> post(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private ProxyServer proxy() throws Exception {
        return new ProxyServer(ProxyConfig.builder().recordings(dir).attribution(running).build()).start();
    }

    @Test
    void a_request_without_a_test_id_belongs_to_the_one_test_that_runs() throws Exception {
        running.started("com.acme.ChatTest::answers");
        try (ProxyServer proxy = proxy()) {
            assertThat(post(proxy.url()).statusCode()).isEqualTo(404);

            assertThat(proxy.takeMisses("com.acme.ChatTest::answers")).singleElement().asString()
                    .contains("com/acme/ChatTest");
            assertThat(proxy.takeMisses(null)).isEmpty();
        }
    }

    @Test
    void a_request_without_a_test_id_is_refused_while_two_tests_run() throws Exception {
        running.started("com.acme.ChatTest::answers");
        running.started("com.acme.ChatTest::streams");
        try (ProxyServer proxy = proxy()) {
            HttpResponse<String> r = post(proxy.url());

            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("X-Replay4j-Error")).hasValue("replay4j_unattributed_request");
            assertThat(Json.parse(r.body()).at("/error/message").textValue()).contains("2 tests are running at once");
            assertThat(proxy.takeMisses("com.acme.ChatTest::answers")).isEmpty();
        }
    }

    @Test
    void a_test_that_finished_no_longer_claims_requests() throws Exception {
        running.started("com.acme.ChatTest::answers");
        running.started("com.acme.ChatTest::answers");
        running.finished("com.acme.ChatTest::answers");
        running.started("com.acme.ChatTest::streams");
        running.finished("com.acme.ChatTest::streams");
        try (ProxyServer proxy = proxy()) {
            assertThat(post(proxy.url()).statusCode()).isEqualTo(404);
            assertThat(proxy.takeMisses("com.acme.ChatTest::answers")).hasSize(1);

            running.finished("com.acme.ChatTest::answers");
            assertThat(post(proxy.url()).statusCode()).isEqualTo(404);
            assertThat(proxy.takeMisses(null)).as("no test runs: the fallback folder").hasSize(1);
        }
    }

    @Test
    void a_test_id_in_the_path_wins_over_the_running_test() throws Exception {
        running.started("com.acme.ChatTest::answers");
        running.started("com.acme.ChatTest::streams");
        try (ProxyServer proxy = proxy()) {
            assertThat(post(URI.create(proxy.baseUrl("com.acme.OtherTest::m"))).statusCode()).isEqualTo(404);
            assertThat(proxy.takeMisses("com.acme.OtherTest::m")).hasSize(1);
        }
    }
}

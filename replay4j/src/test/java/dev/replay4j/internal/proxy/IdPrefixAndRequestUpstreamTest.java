// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.replay4j.Mode;
import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.ChatBodies;
import dev.replay4j.fakeupstream.testing.Http;
import dev.replay4j.fakeupstream.testing.RecordingFiles;
import dev.replay4j.internal.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code /_replay4j/id/} prefix (base64url test ids), and upstreams that requests name themselves. */
@Timeout(30)
class IdPrefixAndRequestUpstreamTest {
    private static final String TEST = "com.acme.SpringAiOpenAiTest::chat[2]";

    @TempDir
    Path dir;

    private ProxyServer proxy(Mode mode, boolean fromRequests) throws Exception {
        ProxyConfig.Builder config = ProxyConfig.builder().recordings(dir).mode(mode);
        if (fromRequests) {
            config.upstreamsFromRequests();
        }
        return new ProxyServer(config.build()).start();
    }

    @Test
    void the_id_prefix_is_made_of_unreserved_characters_only() {
        assertThat(IdCoding.encode(TEST)).matches("[A-Za-z0-9_-]+").doesNotContain("=");
        assertThat(IdCoding.decode(IdCoding.encode("é ü 中::x"))).isEqualTo("é ü 中::x");
    }

    @Test
    void a_request_under_the_id_prefix_lands_in_its_tests_folder_and_the_percent_form_still_works() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.start();
             ProxyServer proxy = new ProxyServer(ProxyConfig.builder().recordings(dir).mode(Mode.RECORD)
                     .upstream(upstream.url()).build()).start()) {
            assertThat(proxy.idBaseUrl(TEST)).isEqualTo(proxy.url() + "/_replay4j/id/" + IdCoding.encode(TEST));
            Http.ok(proxy.idBaseUrl(TEST) + "/v1/chat/completions", ChatBodies.openAi("by id"));
            Http.ok(proxy.baseUrl(TEST) + "/v1/chat/completions", ChatBodies.openAi("by percent"));

            assertThat(upstream.received()).extracting(r -> r.path()).containsOnly("/v1/chat/completions");
        }
        assertThat(RecordingFiles.names(dir)).hasSize(2).allMatch(n -> n.startsWith("com/acme/SpringAiOpenAiTest/"));
        assertThat(RecordingFiles.all(dir)).allSatisfy(f -> assertThat(RecordingFiles.read(f)).contains("\"" + TEST + "\""));
    }

    @Test
    void an_id_prefix_that_is_not_base64url_is_refused_with_a_message_that_names_it() throws Exception {
        try (ProxyServer proxy = proxy(Mode.REPLAY, false)) {
            HttpResponse<String> r = Http.post(proxy.url() + "/_replay4j/id/Y29t%3D/v1/chat/completions", ChatBodies.openAi("x"));

            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Json.parse(r.body()).at("/error/message").textValue()).contains("base64url");
        }
        assertThatThrownBy(() -> IdCoding.decode("_w")).hasMessageContaining("not UTF-8");
    }

    @Test
    void a_request_names_its_upstream_when_none_is_configured_and_replays_without_it() throws Exception {
        String recorded;
        try (FakeUpstream upstream = FakeUpstream.start(); ProxyServer proxy = proxy(Mode.RECORD, true)) {
            recorded = Http.ok(proxy.idBaseUrl(TEST) + "/v1/chat/completions", ChatBodies.openAi("named upstream"),
                    ProxyServer.UPSTREAM_HEADER, upstream.url());

            assertThat(upstream.calls()).isEqualTo(1);
            assertThat(upstream.received().get(0).header(ProxyServer.UPSTREAM_HEADER)).as("never forwarded").isNull();
        }
        assertThat(RecordingFiles.read(RecordingFiles.all(dir).get(0))).doesNotContainIgnoringCase("x-replay4j-upstream");
        try (ProxyServer proxy = proxy(Mode.REPLAY, false)) {
            HttpResponse<String> r = Http.post(proxy.idBaseUrl(TEST) + "/v1/chat/completions", ChatBodies.openAi("named upstream"),
                    ProxyServer.UPSTREAM_HEADER, "http://127.0.0.1:9");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(ChatBodies.answerText(r.body())).isEqualTo(ChatBodies.answerText(recorded)).endsWith("#1");
        }
    }

    @Test
    void a_configured_upstream_wins_over_the_one_a_request_names() throws Exception {
        try (FakeUpstream configured = FakeUpstream.start(); FakeUpstream named = FakeUpstream.start();
             ProxyServer proxy = new ProxyServer(ProxyConfig.builder().recordings(dir).mode(Mode.RECORD)
                     .upstream(configured.url()).build()).start()) {
            Http.ok(proxy.idBaseUrl(TEST) + "/v1/chat/completions", ChatBodies.openAi("which"), ProxyServer.UPSTREAM_HEADER, named.url());

            assertThat(configured.calls()).isEqualTo(1);
            assertThat(named.calls()).isZero();
        }
    }

    @Test
    void a_named_upstream_that_is_no_base_url_is_refused() throws Exception {
        try (ProxyServer proxy = proxy(Mode.RECORD, true)) {
            HttpResponse<String> r = Http.post(proxy.idBaseUrl(TEST) + "/v1/chat/completions", ChatBodies.openAi("x"),
                    ProxyServer.UPSTREAM_HEADER, "ftp://example.com");

            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("X-Replay4j-Error")).hasValue("replay4j_invalid_upstream");
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.replay4j.internal.json.Json;
import org.junit.jupiter.api.Test;

class RequestKeyTest {
    private static final String SEED_BODY = "{\"model\": \"llama3.2:3b-instruct-fp16\", \"messages\": [{\"role\": \"user\","
            + " \"content\": \"What's the name of the Sun in latin?\"}], \"stream\": true}";

    @Test
    void the_seed_recording_key_is_the_name_it_was_published_under() throws Exception {
        RequestKey key = RequestKey.compute("post", "http://0.0.0.0:11434/v1/v1/chat/completions",
                Json.parse(SEED_BODY), null, KeyVersion.V2);
        assertThat(key.hex()).isEqualTo("f5450b5c6f0c985bcc3f8f0e232b455ea7e2ab9e8eedccacbafa96c8350e86ea");
        assertThat(key.shortHex()).isEqualTo("f5450b5c6f0c");
        assertThat(RequestKey.canonicalText("post", "http://0.0.0.0:11434/v1/v1/chat/completions", Json.parse(SEED_BODY), null,
                KeyVersion.V2)).startsWith("{\"body\": {\"messages\": [{\"content\": \"What's the name")
                .endsWith("\"endpoint\": \"/v1/v1/chat/completions\", \"method\": \"POST\", \"test_id\": null}");
    }

    @Test
    void the_test_id_is_part_of_the_key_except_for_model_lists() throws Exception {
        var body = Json.parse(SEED_BODY);
        String a = RequestKey.compute("POST", "/v1/chat/completions", body, "A::t", KeyVersion.V2).hex();
        String b = RequestKey.compute("POST", "/v1/chat/completions", body, "B::t", KeyVersion.V2).hex();
        assertThat(a).isNotEqualTo(b);
        RequestKey modelsA = RequestKey.compute("GET", "/v1/models", Json.object(), "A::t", KeyVersion.V2);
        RequestKey modelsB = RequestKey.compute("GET", "/v1/models", Json.object(), "B::t", KeyVersion.V2);
        assertThat(modelsA).isEqualTo(modelsB);
        assertThat(RequestKey.canonicalText("GET", "/v1/models", Json.object(), "A::t", KeyVersion.V2)).isEqualTo("{\"body\": {}, \"endpoint\": \"/v1/models\", \"method\": \"GET\"}");
    }

    @Test
    void versions_differ_only_when_normalisation_changes_the_body() throws Exception {
        var plain = Json.parse(SEED_BODY);
        assertThat(RequestKey.compute("POST", "/v1/chat/completions", plain, null, KeyVersion.V1))
                .isEqualTo(RequestKey.compute("POST", "/v1/chat/completions", plain, null, KeyVersion.V2));
        var noisy = Json.parse("{\"temperature\": 0.7000001}");
        assertThat(RequestKey.compute("POST", "/v1/chat/completions", noisy, null, KeyVersion.V1))
                .isNotEqualTo(RequestKey.compute("POST", "/v1/chat/completions", noisy, null, KeyVersion.V2));
    }

    @Test
    void the_path_is_taken_from_the_url_as_python_urlparse_splits_it() {
        assertThat(UrlParts.of("https://x.openai.azure.com/openai/v1/v1/chat/completions?api-version=1#f"))
                .isEqualTo(new UrlParts("x.openai.azure.com", "/openai/v1/v1/chat/completions"));
        assertThat(UrlParts.of("/v1/models;params")).isEqualTo(new UrlParts("", "/v1/models"));
        assertThat(UrlParts.of("vertexai:///projects/p")).isEqualTo(new UrlParts("", "/projects/p"));
        assertThat(UrlParts.of("https://bedrock-runtime.us-east-1.amazonaws.com/v1").isBedrock()).isTrue();
    }

    @Test
    void a_key_shows_as_its_hex_equals_only_the_same_key_and_keeps_its_version() throws Exception {
        var body = Json.parse(SEED_BODY);
        RequestKey v2 = RequestKey.compute("POST", "/v1/chat/completions", body, null, KeyVersion.V2);
        RequestKey again = RequestKeys.of(body).key("POST", "/v1/chat/completions", null, KeyVersion.V2);
        assertThat(v2).hasToString(v2.hex()).isEqualTo(again).hasSameHashCodeAs(again).isNotEqualTo(v2.hex());
        assertThat(v2.version()).isEqualTo(KeyVersion.V2);
        assertThat(RequestKey.compute("POST", "/v1/chat/completions", body, null, KeyVersion.V1).version()).isEqualTo(KeyVersion.V1);
    }

    @Test
    void key_versions_are_numbered_one_and_two_and_a_lookup_tries_the_newest_first() {
        assertThat(KeyVersion.of(1)).isEqualTo(KeyVersion.V1);
        assertThat(KeyVersion.of(2)).isEqualTo(KeyVersion.V2);
        assertThat(KeyVersion.V2.number()).isEqualTo(2);
        assertThat(KeyVersion.lookupOrder()).containsExactly(KeyVersion.V2, KeyVersion.V1);
        assertThatThrownBy(() -> KeyVersion.of(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key version must be 1 or 2, not 3");
    }
}

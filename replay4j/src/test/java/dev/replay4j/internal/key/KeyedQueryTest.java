// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.key;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.internal.json.Json;
import org.junit.jupiter.api.Test;

/** The query in the key: named, answer-changing parameters join the endpoint, sorted; nothing else does. */
class KeyedQueryTest {
    @Test
    void a_request_without_keyed_parameters_keeps_the_key_it_had() {
        RequestKey plain = RequestKey.compute("POST", "/v1/chat/completions", Json.object(), "t::a", KeyVersion.V2);
        RequestKey withQuery = RequestKey.compute("POST", "/v1/chat/completions?foo=1&key=secret", Json.object(), "t::a", KeyVersion.V2);
        assertThat(withQuery).isEqualTo(plain);
        assertThat(plain.hex()).as("the key of today, by the spec's formula")
                .isEqualTo(RequestKey.compute("POST", "https://api.openai.com/v1/chat/completions", Json.object(), "t::a", KeyVersion.V2).hex());
    }

    @Test
    void geminis_paging_and_stream_form_join_the_endpoint_sorted_by_name_and_the_api_key_never_does() {
        String text = RequestKey.canonicalText("GET", "https://generativelanguage.googleapis.com/v1beta/models?pageToken=Ab%3D&key=AIza"
                + "&pageSize=2", Json.object(), "t::a", KeyVersion.V2);
        assertThat(text).contains("\"endpoint\": \"/v1beta/models?pageSize=2&pageToken=Ab%3D\"").doesNotContain("AIza");
        assertThat(KeyedQuery.of("/v1beta/models/g:streamGenerateContent?key=k&alt=sse")).isEqualTo("?alt=sse");
    }

    @Test
    void azures_api_version_is_keyed_on_its_paths_only() {
        assertThat(KeyedQuery.of("/openai/deployments/d/chat/completions?api-version=2024-10-21")).isEqualTo("?api-version=2024-10-21");
        assertThat(KeyedQuery.of("/v1/chat/completions?api-version=2024-10-21")).isEmpty();
        assertThat(KeyedQuery.of("/v1/chat/completions?alt=sse")).as("alt is Gemini's").isEmpty();
    }

    @Test
    void the_model_list_path_keys_its_paging_for_gemini_and_anthropic_and_keeps_its_shared_key_without_it() {
        String text = RequestKey.canonicalText("GET", "/v1/models?after_id=claude-a&limit=2", Json.object(), "t::a", KeyVersion.V2);
        assertThat(text).isEqualTo("{\"body\": {}, \"endpoint\": \"/v1/models?after_id=claude-a&limit=2\", \"method\": \"GET\"}");
        assertThat(RequestKey.canonicalText("GET", "/v1/models", Json.object(), "t::a", KeyVersion.V2))
                .isEqualTo("{\"body\": {}, \"endpoint\": \"/v1/models\", \"method\": \"GET\"}");
    }
}

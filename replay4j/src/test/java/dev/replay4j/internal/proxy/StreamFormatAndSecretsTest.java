// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamFormatAndSecretsTest {

    @Test
    void the_line_that_ends_a_stream_is_recognised_for_each_api() {
        assertThat(StreamFormat.SSE.isTerminal("data: [DONE]")).isTrue();
        assertThat(StreamFormat.SSE.isTerminal("event: message_stop")).as("Anthropic").isTrue();
        assertThat(StreamFormat.SSE.isTerminal("event: response.completed")).as("OpenAI Responses").isTrue();
        assertThat(StreamFormat.SSE.isTerminal("event: content_block_delta")).isFalse();
        assertThat(StreamFormat.SSE.isTerminal("data: {\"choices\": []}")).isFalse();
        assertThat(StreamFormat.NDJSON.isTerminal("{\"model\": \"m\", \"done\": true}")).isTrue();
        assertThat(StreamFormat.NDJSON.isTerminal("{\"message\": {\"content\": \"{\\\"done\\\": true}\"}, \"done\": false}"))
                .as("an answer that says done: true is not the end").isFalse();
    }

    @Test
    void urls_are_recorded_without_user_info_or_credential_query_values() {
        assertThat(Secrets.recordableUrl("https://user:hunter2@api.example.com/v1/chat/completions"))
                .isEqualTo("https://api.example.com/v1/chat/completions");
        assertThat(Secrets.recordableUrl("https://g.example.com/v1beta/models/m:generate?key=AIzaSECRET&alt=sse"))
                .isEqualTo("https://g.example.com/v1beta/models/m:generate?key=<redacted>&alt=sse");
        assertThat(Secrets.recordableUrl("http://h/x?api-version=2024-06-01&access_token=t0k&X-Amz-Signature=abc"))
                .isEqualTo("http://h/x?api-version=2024-06-01&access_token=<redacted>&X-Amz-Signature=<redacted>");
        assertThat(Secrets.recordableUrl("http://h:8080/v1/models")).isEqualTo("http://h:8080/v1/models");
    }
}

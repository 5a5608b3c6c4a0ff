// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.internal.json.Json;
import org.junit.jupiter.api.Test;

/** The parts of a recording are values: what they were made from, or what they hand out, can change; they cannot. */
class RecordingValuesTest {

    @Test
    void a_recorded_request_keeps_its_body_and_headers_whatever_happens_to_the_trees_it_was_made_from() throws Exception {
        ObjectNode body = (ObjectNode) Json.parse("{\"model\": \"m\", \"messages\": []}");
        ObjectNode headers = (ObjectNode) Json.parse("{\"accept\": \"application/json\"}");
        RecordedRequest request = new RecordedRequest("POST", "/v1/chat/completions", headers, body, "/v1/chat/completions", "m");

        body.put("model", "changed");
        headers.put("accept", "changed");
        ((ObjectNode) request.body()).put("model", "changed too");
        request.headers().put("accept", "changed too");

        assertThat(Json.write(request.body())).isEqualTo("{\"model\":\"m\",\"messages\":[]}");
        assertThat(Json.write(request.headers())).isEqualTo("{\"accept\":\"application/json\"}");
    }

    @Test
    void a_recorded_response_keeps_its_body_and_error_whatever_happens_to_the_trees_it_was_made_from() throws Exception {
        ObjectNode body = (ObjectNode) Json.parse("{\"id\": \"a\"}");
        RecordedResponse response = RecordedResponse.of(body, false);
        ObjectNode data = (ObjectNode) Json.parse("{\"status_code\": 429}");
        RecordedResponse error = RecordedResponse.error(data, "Error code: 429");

        body.put("id", "changed");
        ((ObjectNode) response.body()).put("id", "changed too");
        data.put("status_code", 500);
        error.exceptionData().put("status_code", 503);

        assertThat(Json.write(response.body())).isEqualTo("{\"id\":\"a\"}");
        assertThat(error.status()).isEqualTo(429);
        assertThat(error.exceptionData().get("status_code").intValue()).isEqualTo(429);
    }
}

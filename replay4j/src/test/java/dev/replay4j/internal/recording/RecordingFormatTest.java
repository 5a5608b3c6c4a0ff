// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.PythonJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordingFormatTest {

    @Test
    void a_truncated_file_is_an_error_naming_the_file() {
        byte[] truncated = "{\"request\": {\"method\": \"POST\"".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RecordingFormat.read(truncated, "dir/abc.json"))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageStartingWith("dir/abc.json: not valid JSON");
    }

    @Test
    void a_json_array_is_an_error_saying_what_it_holds() {
        assertThatThrownBy(() -> RecordingFormat.read("[1, 2]".getBytes(StandardCharsets.UTF_8), "x.json"))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessage("x.json: a recording is a JSON object, but this file holds a JSON array");
    }

    @Test
    void an_object_without_a_request_is_not_an_http_recording() {
        assertThatThrownBy(() -> RecordingFormat.read("{\"request\": {\"payload\": {}}}".getBytes(StandardCharsets.UTF_8), "raw.json"))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining("raw.json: not an HTTP recording");
    }

    @Test
    void old_files_without_test_id_endpoint_or_model_read_with_defaults() throws Exception {
        String old = "{\"request\": {\"method\": \"POST\", \"url\": \"http://h/v1/v1/chat/completions\","
                + " \"body\": {\"model\": \"m\"}}, \"response\": {\"body\": {\"x\": 1}}, \"provider_metadata\": {}}";
        Recording r = RecordingFormat.read(old.getBytes(StandardCharsets.UTF_8), "old.json");
        assertThat(r.testId()).isNull();
        assertThat(r.request().endpoint()).isEqualTo("/v1/v1/chat/completions");
        assertThat(r.request().model()).isEqualTo("m");
        assertThat(r.response().streaming()).isFalse();
    }

    @Test
    void the_id_normalization_mapping_puts_normalised_ids_back_on_read() throws Exception {
        String file = "{\"test_id\": null, \"request\": {\"method\": \"POST\", \"url\": \"/v1/chat/completions\", \"body\": {}},"
                + " \"response\": {\"body\": {\"id\": \"chatcmpl-123\", \"tool\": [\"call chatcmpl-123\"]}},"
                + " \"id_normalization_mapping\": {\"rec-abc\": \"chatcmpl-123\"}}";
        Recording r = RecordingFormat.read(file.getBytes(StandardCharsets.UTF_8), "f.json");
        assertThat(r.response().body().get("id").textValue()).isEqualTo("rec-abc");
        assertThat(r.response().body().get("tool").get(0).textValue()).isEqualTo("call rec-abc");
    }

    @Test
    void an_upstream_error_is_written_in_the_exception_form_and_read_back() throws Exception {
        ObjectNode data = Json.object();
        data.put("status_code", 400);
        data.set("body", Json.parse("{\"message\": \"invalid image input\"}"));
        data.put("message", "Error code: 400");
        Recording r = new Recording("T::t", new RecordedRequest("POST", "http://h/v1/chat/completions", Json.object(),
                Json.object(), "/v1/chat/completions", ""), RecordedResponse.error(data, "Error code: 400"));
        String text = new String(RecordingFormat.write(r), StandardCharsets.US_ASCII);
        assertThat(text).contains("\"body\": null,\n    \"is_streaming\": false,\n    \"is_exception\": true,\n    \"exception_data\": {");
        Recording back = RecordingFormat.read(text.getBytes(StandardCharsets.US_ASCII), "e.json");
        assertThat(back.response().isError()).isTrue();
        assertThat(back.response().status()).isEqualTo(400);
        assertThat(back).isEqualTo(r);
    }

    @Test
    void response_normalisation_quiets_ids_times_and_durations_but_not_model_entries() throws Exception {
        var chunk = Json.parse("{\"id\": \"chatcmpl-9\", \"created\": 1712, \"created_at\": \"2025-01-01T10:00:00Z\","
                + " \"total_duration\": 123, \"load_duration\": null, \"nested\": {\"id\": \"call_1\"}}");
        ResponseNormalizer.normalize(chunk, "0123456789ab");
        assertThat(chunk.toString()).isEqualTo("{\"id\":\"rec-0123456789ab\",\"created\":0,\"created_at\":\"1970-01-01T00:00:00.000000Z\","
                + "\"total_duration\":0,\"load_duration\":null,\"nested\":{\"id\":\"call_1\"}}");
        var model = Json.parse("{\"id\": \"gpt-4o\", \"created\": 1712, \"object\": \"model\"}");
        ResponseNormalizer.normalize(model, "0123456789ab");
        assertThat(model.get("id").textValue()).isEqualTo("gpt-4o");
        assertThat(model.get("created").intValue()).isEqualTo(1712);
    }

    @Test
    void a_file_that_is_not_an_object_says_what_it_holds() {
        String[][] cases = {{"[1]", "a JSON array"}, {"\"x\"", "a JSON string"}, {"1.5", "a JSON number"}, {"true", "a JSON boolean"},
                {"null", "null"}};
        for (String[] c : cases) {
            assertThatThrownBy(() -> RecordingFormat.read(c[0].getBytes(StandardCharsets.UTF_8), "f.json"))
                    .isInstanceOf(RecordingFormatException.class)
                    .hasMessage("f.json: a recording is a JSON object, but this file holds " + c[1]);
        }
    }

    @Test
    void a_request_field_of_the_wrong_type_or_a_missing_response_is_an_error_naming_it() {
        assertThatThrownBy(() -> read("{\"request\": {\"method\": 1, \"url\": \"/v1/x\", \"body\": {}}, \"response\": {}}"))
                .hasMessage("f.json: request.method must be a string, but it is a JSON number");
        assertThatThrownBy(() -> read("{\"request\": {\"method\": \"POST\", \"url\": {}, \"body\": {}}, \"response\": {}}"))
                .hasMessage("f.json: request.url must be a string, but it is a JSON object");
        assertThatThrownBy(() -> read("{\"request\": {\"method\": \"POST\", \"url\": \"/v1/x\", \"body\": {}, \"endpoint\": []}, \"response\": {}}"))
                .hasMessage("f.json: request.endpoint must be a string, but it is a JSON array");
        assertThatThrownBy(() -> read("{\"request\": {\"method\": \"POST\", \"url\": \"/v1/x\", \"body\": {}}}"))
                .hasMessage("f.json: the recording has no response object");
        assertThatThrownBy(() -> read("{\"request\": {\"method\": \"POST\", \"url\": \"/v1/x\", \"body\": {}}, \"response\": 1}"))
                .hasMessage("f.json: the recording has no response object");
    }

    @Test
    void the_id_mapping_reaches_strings_at_any_depth_of_the_response_and_nothing_else() throws Exception {
        Recording r = read("{\"request\": {\"method\": \"POST\", \"url\": \"/v1/x\", \"body\": {\"q\": \"orig-1\"}},"
                + " \"response\": {\"body\": [[\"orig-1\", {\"a\": [\"x orig-1\", 5]}], \"orig-1\", \"keep\"], \"is_streaming\": true},"
                + " \"id_normalization_mapping\": {\"rec-1\": \"orig-1\", \"rec-2\": \"\", \"rec-3\": 3}}");
        assertThat(PythonJson.dumps(r.response().body())).isEqualTo("[[\"rec-1\", {\"a\": [\"x rec-1\", 5]}], \"rec-1\", \"keep\"]");
        assertThat(r.response().streaming()).isTrue();
        assertThat(r.request().body().get("q").textValue()).as("the request is what was sent").isEqualTo("orig-1");
    }

    @Test
    void an_error_without_its_details_reads_as_a_500_with_an_empty_message() throws Exception {
        Recording r = read("{\"request\": {\"method\": \"POST\", \"url\": \"/v1/x\", \"body\": {}},"
                + " \"response\": {\"is_exception\": true, \"exception_data\": 3, \"exception_message\": 4}}");
        assertThat(r.response().isError()).isTrue();
        assertThat(r.response().status()).isEqualTo(500);
        assertThat(r.response().exceptionMessage()).isEmpty();
        assertThat(RecordedResponse.of(Json.object(), false).status()).isEqualTo(200);
    }

    @Test
    void the_request_part_is_read_without_the_answer_that_follows_it() throws Exception {
        // The answer is cut off mid-string: a whole read refuses the file; the request part never reaches it.
        String file = "{\"test_id\": \"t.py::a\", \"request\": {\"method\": \"post\", \"url\": \"http://h/v1/chat/completions\","
                + " \"body\": {\"model\": \"m\", \"user\": \"" + "u".repeat(400) + "\"}}, \"response\": {\"body\": \"unfinished";
        byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RecordingFormat.read(bytes, "f.json")).isInstanceOf(RecordingFormatException.class);

        RecordingFormat.RequestPart part = RecordingFormat.readRequest(bytes, "f.json", 161);
        assertThat(part.testId()).isEqualTo("t.py::a");
        assertThat(part.method()).isEqualTo("post");
        assertThat(part.endpoint()).isEqualTo("/v1/chat/completions");
        assertThat(part.body().get("model").textValue()).isEqualTo("m");
        assertThat(part.body().get("user").textValue()).hasSize(161);
    }

    @Test
    void the_request_part_finds_a_test_id_written_after_the_answer() throws Exception {
        String file = "{\"request\": {\"method\": \"POST\", \"url\": \"http://h/v1/embeddings\", \"body\": {}},"
                + " \"response\": {\"body\": [1, 2]}, \"test_id\": \"late\"}";
        RecordingFormat.RequestPart part = RecordingFormat.readRequest(file.getBytes(StandardCharsets.UTF_8), "f.json", 161);
        assertThat(part.testId()).isEqualTo("late");
        assertThat(part.endpoint()).isEqualTo("/v1/embeddings");
    }

    @Test
    void a_request_part_without_a_request_is_not_an_http_recording() {
        assertThatThrownBy(() -> RecordingFormat.readRequest("{\"response\": {}}".getBytes(StandardCharsets.UTF_8), "raw.json", 161))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining("raw.json: not an HTTP recording");
    }

    private static Recording read(String text) throws Exception {
        return RecordingFormat.read(text.getBytes(StandardCharsets.UTF_8), "f.json");
    }
}

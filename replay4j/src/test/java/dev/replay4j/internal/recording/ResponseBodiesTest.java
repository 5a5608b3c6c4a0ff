// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.PythonJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Response bodies between the wire and the recording, both ways. */
class ResponseBodiesTest {
    private static final String KEY = "0123456789ab";

    private static JsonNode json(String text) throws Exception {
        return Json.parse(text);
    }

    private static String text(JsonNode node) {
        return PythonJson.dumps(node);
    }

    @Test
    void a_chat_completion_is_stored_typed_with_its_id_and_time_quieted_and_goes_back_on_the_wire_as_sent_but_those() throws Exception {
        JsonNode wire = json("{\"id\": \"chatcmpl-9\", \"object\": \"chat.completion\", \"created\": 1712000000, \"choices\": []}");
        JsonNode stored = ResponseBodies.stored("/v1/chat/completions", wire, KEY);
        assertThat(text(stored)).isEqualTo("{\"__type__\": \"openai.types.chat.chat_completion.ChatCompletion\", \"__data__\": "
                + "{\"id\": \"rec-0123456789ab\", \"object\": \"chat.completion\", \"created\": 0, \"choices\": []}}");
        assertThat(text(ResponseBodies.wire("/v1/chat/completions", stored)))
                .isEqualTo("{\"id\": \"rec-0123456789ab\", \"object\": \"chat.completion\", \"created\": 0, \"choices\": []}");
    }

    @Test
    void an_openai_model_list_is_stored_as_a_list_of_typed_models_and_rebuilt_as_a_list_object() throws Exception {
        JsonNode wire = json("{\"object\": \"list\", \"data\": [{\"id\": \"gpt-a\", \"object\": \"model\", \"created\": 5},"
                + " {\"id\": \"gpt-b\", \"object\": \"model\", \"created\": 6}]}");
        JsonNode stored = ResponseBodies.stored("/v1/models", wire, KEY);
        assertThat(text(stored)).isEqualTo("[{\"__type__\": \"openai.types.model.Model\", \"__data__\": "
                + "{\"id\": \"gpt-a\", \"object\": \"model\", \"created\": 5}}, {\"__type__\": \"openai.types.model.Model\", \"__data__\": "
                + "{\"id\": \"gpt-b\", \"object\": \"model\", \"created\": 6}}]");
        assertThat(text(ResponseBodies.wire("/v1/models", stored))).isEqualTo("{\"object\": \"list\", \"data\": "
                + "[{\"id\": \"gpt-a\", \"object\": \"model\", \"created\": 5}, {\"id\": \"gpt-b\", \"object\": \"model\", \"created\": 6}]}");
        assertThat(text(ResponseBodies.stored("/v1/openai/v1/models", json("{\"data\": [{\"id\": \"m\", \"object\": \"model\"}]}"), KEY)))
                .as("llama-stack's path: a list, with no type of its own").isEqualTo("[{\"id\": \"m\", \"object\": \"model\"}]");
    }

    @Test
    void a_model_list_answer_of_another_shape_is_stored_as_it_came() throws Exception {
        assertThat(text(ResponseBodies.stored("/v1/models", json("{\"object\": \"list\", \"data\": {}}"), KEY)))
                .isEqualTo("{\"__type__\": \"openai.types.model.Model\", \"__data__\": {\"object\": \"list\", \"data\": {}}}");
        assertThat(text(ResponseBodies.stored("/v1/models", json("[{\"id\": \"m\", \"created\": 1}]"), KEY)))
                .isEqualTo("[{\"id\": \"m\", \"created\": 1}]");
        assertThat(text(ResponseBodies.wire("/v1/models", json("{\"object\": \"list\", \"data\": []}"))))
                .isEqualTo("{\"object\": \"list\", \"data\": []}");
    }

    @Test
    void an_ollama_model_list_is_one_typed_object_and_lists_go_back_in_each_apis_shape() throws Exception {
        JsonNode wire = json("{\"models\": [{\"name\": \"llama3\", \"model\": \"llama3\", \"modified_at\": \"2025-05-01T10:00:00Z\"}]}");
        JsonNode stored = ResponseBodies.stored("/api/tags", wire, KEY);
        assertThat(text(stored)).isEqualTo("{\"__type__\": \"ollama._types.ListResponse\", \"__data__\": {\"models\": "
                + "[{\"name\": \"llama3\", \"model\": \"llama3\", \"modified_at\": \"2025-05-01T10:00:00Z\"}]}}");
        List<JsonNode> entries = List.of(ApiTypes.wrap("x", json("{\"model\": \"a\"}")), json("{\"model\": \"b\"}"));
        assertThat(text(ResponseBodies.modelList("/api/tags", entries))).isEqualTo("{\"models\": [{\"model\": \"a\"}, {\"model\": \"b\"}]}");
        assertThat(text(ResponseBodies.modelList("/v1/models", entries)))
                .isEqualTo("{\"object\": \"list\", \"data\": [{\"model\": \"a\"}, {\"model\": \"b\"}]}");
    }

    @Test
    void a_body_of_an_endpoint_without_a_type_is_quieted_but_not_wrapped() throws Exception {
        assertThat(text(ResponseBodies.stored("/v1/responses", json("{\"id\": \"resp_1\", \"created\": 3}"), KEY)))
                .isEqualTo("{\"id\": \"rec-0123456789ab\", \"created\": 0}");
        assertThat(text(ResponseBodies.stored("/v1/chat/completions", json("[\"not\", \"an object\"]"), KEY)))
                .isEqualTo("[\"not\", \"an object\"]");
    }

    @Test
    void stream_chunks_are_typed_where_the_endpoint_has_a_chunk_type_and_kept_plain_elsewhere() throws Exception {
        List<JsonNode> chunks = List.of(json("{\"id\": \"c-1\", \"created\": 9}"), json("\"a plain string\""));
        assertThat(text(ResponseBodies.storedChunks("/v1/chat/completions", chunks, KEY))).isEqualTo("[{\"__type__\": "
                + "\"openai.types.chat.chat_completion_chunk.ChatCompletionChunk\", \"__data__\": {\"id\": \"rec-0123456789ab\", "
                + "\"created\": 0}}, \"a plain string\"]");
        List<JsonNode> more = List.of(json("{\"id\": \"c-2\", \"created\": 9}"));
        assertThat(text(ResponseBodies.storedChunks("/v1/embeddings", more, KEY))).isEqualTo("[{\"id\": \"rec-0123456789ab\", \"created\": 0}]");
    }

    @Test
    void a_stream_kept_as_lines_is_told_from_one_kept_as_chunks() throws Exception {
        JsonNode lines = ResponseBodies.storedLines(List.of("event: message_start", "data: {}"));
        assertThat(text(lines)).isEqualTo("[\"event: message_start\", \"data: {}\"]");
        assertThat(ResponseBodies.isRawLines(lines)).isTrue();
        assertThat(ResponseBodies.isRawLines(json("[{\"id\": 1}, \"x\"]"))).isFalse();
        assertThat(ResponseBodies.isRawLines(json("[]"))).isFalse();
        assertThat(ResponseBodies.isRawLines(json("\"x\""))).isFalse();
    }
}

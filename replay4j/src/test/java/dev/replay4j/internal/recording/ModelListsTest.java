// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.PythonJson;
import org.junit.jupiter.api.Test;

/** The digest in a model list's file name, and the entries of a stored list; digests computed with Python's hashlib. */
class ModelListsTest {
    private static JsonNode json(String text) throws Exception {
        return Json.parse(text);
    }

    @Test
    void the_digest_is_of_the_sorted_unique_ids_joined_by_a_bar() throws Exception {
        JsonNode list = json("[{\"__type__\": \"openai.types.model.Model\", \"__data__\": {\"id\": \"gpt-b\"}}, {\"id\": \"gpt-a\"},"
                + " {\"id\": \"gpt-b\"}, {\"id\": 7}, {\"name\": \"no id\"}]");
        assertThat(ModelLists.digest("/v1/models", list)).isEqualTo("04c4d647"); // sha256("gpt-a|gpt-b")[:8]
        assertThat(ModelLists.fileName("k", "/v1/models", list)).isEqualTo("models-k-04c4d647.json");
        assertThat(ModelLists.filePrefix("k")).isEqualTo("models-k-");
    }

    @Test
    void ollama_lists_are_named_by_model_and_ids_sort_by_code_point() throws Exception {
        assertThat(ModelLists.digest("/api/tags", json("{\"models\": [{\"model\": \"m\\u00e9\", \"name\": \"x\"}, {\"model\": \"llama3\"}]}")))
                .isEqualTo("73b62c89"); // sha256("llama3|mé")[:8]
        assertThat(ModelLists.digest("/v1/models", json("{\"data\": [{\"id\": \"\\ud83d\\ude00\"}, {\"id\": \"\\uffff\"}]}")))
                .isEqualTo("82845579"); // sha256("\\uffff|\\U0001F600")[:8]: U+FFFF sorts first
        assertThat(ModelLists.digest("/v1/models", json("[]"))).isEqualTo("e3b0c442"); // sha256("")[:8]
    }

    @Test
    void the_entries_of_a_list_come_from_a_list_a_models_field_or_a_data_field_wrapped_or_not() throws Exception {
        assertThat(PythonJson.dumps(Json.nodes().arrayNode().addAll(ModelLists.entries(json("[1, 2]"))))).isEqualTo("[1, 2]");
        assertThat(ModelLists.entries(json("{\"models\": [1], \"data\": [2, 3]}"))).hasSize(1);
        assertThat(ModelLists.entries(json("{\"data\": [2, 3]}"))).hasSize(2);
        assertThat(ModelLists.entries(json("{\"__type__\": \"ollama._types.ListResponse\", \"__data__\": {\"models\": [1, 2, 3]}}"))).hasSize(3);
        assertThat(ModelLists.entries(json("{\"models\": {}}"))).isEmpty();
        assertThat(ModelLists.entries(json("{\"other\": [1]}"))).isEmpty();
        assertThat(ModelLists.entries(json("\"text\""))).isEmpty();
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.key;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.PythonJson;
import org.junit.jupiter.api.Test;

/** The traps of the v2 rules that random vectors may miss; expected texts come from the Python reference. */
class BodyNormalizerTest {

    private static String normalized(String jsonString) throws Exception {
        return PythonJson.canonical(BodyNormalizer.normalize(Json.parse(jsonString), false));
    }

    @Test
    void python_counts_information_separators_as_space_in_the_score_pattern() throws Exception {
        assertThat(normalized("\"score:\\u001c0.5 x\"")).isEqualTo("\"score: __NORMALIZED__ x\"");
        assertThat(normalized("\"score:\\u30000.25\"")).isEqualTo("\"score: __NORMALIZED__\"");
    }

    @Test
    void unicode_spaces_before_attributes_are_removed_with_them() throws Exception {
        assertThat(normalized("\"a\\u00a0attributes:\\u2003{k: v} b\"")).isEqualTo("\"a b\"");
    }

    @Test
    void long_decimals_in_astral_digits_become_ascii() throws Exception {
        assertThat(normalized("\"value \\ud835\\udfd1.\\ud835\\udfd0\\ud835\\udfd0\\ud835\\udfd0\\ud835\\udfd7 end\""))
                .isEqualTo("\"value 3.22290 end\"");
    }

    @Test
    void long_decimals_keep_the_sign_of_zero_and_every_integer_digit() throws Exception {
        assertThat(normalized("\"-0.000001234 and 123456789012345678901234.5678901\""))
                .isEqualTo("\"-0.00000 and 123456789012345685803008.00000\"");
    }

    @Test
    void a_decimal_too_large_for_a_double_becomes_inf() throws Exception {
        assertThat(normalized("\"1e400 is 1" + "0".repeat(400) + ".12345\"")).isEqualTo("\"1e400 is inf\"");
    }

    @Test
    void scores_in_exponent_form_are_masked() throws Exception {
        assertThat(normalized("\"score: 1e-7 and score:-.5E+3\"")).isEqualTo("\"score: __NORMALIZED__ and score: __NORMALIZED__\"");
    }

    @Test
    void project_ids_go_only_at_the_top_and_in_list_elements_and_stream_options_only_for_bedrock() throws Exception {
        String body = "{\"extra_body\": {\"project_id\": 1}, \"nested\": {\"extra_body\": {\"project_id\": 2}},"
                + " \"stream_options\": {\"include_usage\": true}}";
        assertThat(PythonJson.canonical(BodyNormalizer.normalize(Json.parse(body), false)))
                .isEqualTo("{\"extra_body\": {}, \"nested\": {\"extra_body\": {\"project_id\": 2}},"
                        + " \"stream_options\": {\"include_usage\": true}}");
        assertThat(PythonJson.canonical(BodyNormalizer.normalize(Json.parse(body), true)))
                .isEqualTo("{\"extra_body\": {}, \"nested\": {\"extra_body\": {\"project_id\": 2}}}");
    }

    @Test
    void the_input_tree_is_left_unchanged() throws Exception {
        var body = Json.parse("{\"extra_body\": {\"project_id\": 1}, \"t\": 0.123456789}");
        String before = PythonJson.canonical(body);
        BodyNormalizer.normalize(body, true);
        assertThat(PythonJson.canonical(body)).isEqualTo(before);
    }
}

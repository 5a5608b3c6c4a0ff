// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    private static final ObjectMapper ORACLE = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** Read and written without an ObjectMapper, but exactly as one reads and writes them. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", "\"\"", "0", "-0", "-0.0", "1E2", "1e-7", "0.1", "5e-324", "1.7976931348623157e308", "1e400", "-1e400",
        "NaN", "Infinity", "-Infinity", "[NaN, Infinity, -Infinity]", "2147483647", "2147483648", "-9223372036854775808",
        "9223372036854775808", "123456789012345678901234567890", "true", "false", "null",
        "{\"a\": 1, \"b\": [1, 2.5, \"x\", null, {\"c\": {}}], \"a\": 2}",
        "\"caf\u00e9 \ud83d\ude00 \u2028 \\u0000 \\u001f \\\" \\\\ / \\n\\t\\r\\b\\f\"",
        "{\"\u00e9\\u0001\": \"\\ud83d\\ude00\"}"
    })
    void trees_are_read_and_written_as_an_object_mapper_does(String text) throws Exception {
        JsonNode expected = ORACLE.readTree(text);
        JsonNode tree = Json.parse(text);
        assertThat(tree).isEqualTo(expected);
        assertThat(tree.getClass()).isEqualTo(expected.getClass());
        assertThat(Json.write(tree)).isEqualTo(expected.toString());
        assertThat(Json.parse(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @Test
    void a_repeated_name_keeps_its_first_place_and_its_last_value_as_in_python() throws Exception {
        assertThat(Json.write(Json.parse("{\"a\": 1, \"b\": 2, \"a\": 3}"))).isEqualTo("{\"a\":3,\"b\":2}");
    }

    @Test
    void what_is_read_to_the_deepest_nesting_allowed_can_be_written() throws Exception {
        String deep = "[".repeat(2000) + "]".repeat(2000);
        assertThat(Json.write(Json.parse(deep))).isEqualTo(deep);
        assertThatThrownBy(() -> Json.parse("[" + deep + "]")).isInstanceOf(JsonFormatException.class)
                .hasMessageContaining("2000");
    }

    @Test
    void integers_of_any_size_stay_exact_and_minus_zero_is_zero() throws Exception {
        assertThat(PythonJson.canonical(Json.parse("[123456789012345678901234567890, -0, 1E2]")))
                .isEqualTo("[123456789012345678901234567890, 0, 100.0]");
    }

    @Test
    void trailing_content_is_an_error_that_says_where() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 1} x")).isInstanceOf(JsonFormatException.class)
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> Json.parse("{} 1")).isInstanceOf(JsonFormatException.class)
                .hasMessage("unexpected value (VALUE_NUMBER_INT) after the JSON value (line 1, column 4)");
        assertThatThrownBy(() -> Json.parse("[] {")).isInstanceOf(JsonFormatException.class)
                .hasMessageStartingWith("unexpected '{' after the JSON value");
    }

    @Test
    void truncated_and_empty_texts_are_errors() {
        assertThatThrownBy(() -> Json.parse("{\"a\": [1, 2")).isInstanceOf(JsonFormatException.class);
        assertThatThrownBy(() -> Json.parse("  ")).isInstanceOf(JsonFormatException.class).hasMessageContaining("empty");
    }

    @Test
    void invalid_utf8_is_an_error() {
        byte[] bad = "{\"a\": \"x\"}".getBytes(StandardCharsets.UTF_8);
        bad[7] = (byte) 0xff;
        assertThatThrownBy(() -> Json.parse(bad)).isInstanceOf(JsonFormatException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void a_byte_order_mark_or_utf16_text_is_refused_as_python_refuses_it() {
        assertThatThrownBy(() -> Json.parse(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'}))
                .isInstanceOf(JsonFormatException.class).hasMessageContaining("byte order mark");
        assertThatThrownBy(() -> Json.parse("{}".getBytes(StandardCharsets.UTF_16LE)))
                .isInstanceOf(JsonFormatException.class).hasMessageContaining("must be UTF-8");
        assertThatThrownBy(() -> Json.parse("{}".getBytes(StandardCharsets.UTF_16)))
                .isInstanceOf(JsonFormatException.class).hasMessageContaining("UTF-16");
    }

    @Test
    void a_byte_order_mark_or_a_nul_is_refused_at_the_shortest_text_that_holds_it_and_only_at_the_start() throws Exception {
        assertThatThrownBy(() -> Json.parse(bytes(0xef, 0xbb, 0xbf))).hasMessage(
                "the text starts with a UTF-8 byte order mark, which JSON does not allow");
        assertThatThrownBy(() -> Json.parse(bytes(0xfe, 0xff))).hasMessageContaining("the text is UTF-16");
        assertThatThrownBy(() -> Json.parse(bytes(0xff, 0xfe))).hasMessageContaining("the text is UTF-16");
        assertThatThrownBy(() -> Json.parse(bytes(0xfe, 0xfe))).isInstanceOf(JsonFormatException.class)
                .hasMessageNotContaining("UTF-16");
        assertThatThrownBy(() -> Json.parse(bytes(0xff, 0xff))).isInstanceOf(JsonFormatException.class)
                .hasMessageNotContaining("UTF-16");
        assertThatThrownBy(() -> Json.parse(bytes(0xef, 0xbb, 0xbe))).isInstanceOf(JsonFormatException.class)
                .hasMessageNotContaining("byte order mark");
        assertThatThrownBy(() -> Json.parse(bytes(0xef, 0xba, 0xbf))).hasMessageNotContaining("byte order mark");
        assertThatThrownBy(() -> Json.parse(bytes(0xee, 0xbb, 0xbf))).hasMessageNotContaining("byte order mark");
        assertThatThrownBy(() -> Json.parse(bytes('1', ' ', ' ', 0))).hasMessage(
                "the text holds a NUL byte at offset 3 (UTF-16 or UTF-32?); JSON here must be UTF-8");
        assertThatThrownBy(() -> Json.parse(bytes(0))).hasMessageContaining("NUL byte at offset 0");
        assertThatThrownBy(() -> Json.parse(bytes('1', ' ', ' ', ' ', 0))).as("past the first four bytes: an ordinary error")
                .isInstanceOf(JsonFormatException.class).hasMessageNotContaining("NUL");
        assertThat(Json.parse(bytes('[', ']'))).isEmpty();
        assertThat(Json.parse(bytes('1'))).isEqualTo(Json.nodes().numberNode(1));
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void number_nodes_of_every_kind_are_written_as_an_object_mapper_writes_them() {
        var nodes = Json.nodes();
        var array = nodes.arrayNode().add(nodes.numberNode(1.5f)).add(nodes.numberNode(new java.math.BigDecimal("1.10")))
                .add(nodes.numberNode(7L)).add(nodes.numberNode(new java.math.BigInteger("123456789012345678901234567890")))
                .add(nodes.numberNode((short) 3)).add(nodes.numberNode(0.25));
        assertThat(Json.write(array)).isEqualTo(array.toString()).isEqualTo("[1.5,1.10,7,123456789012345678901234567890,3,0.25]");
    }

    @Test
    void pretty_output_is_python_indent_2() throws Exception {
        assertThat(PythonJson.pretty(Json.parse("{\"b\": [1, {}], \"a\": [], \"\u00e9\": null}")))
                .isEqualTo("{\n  \"b\": [\n    1,\n    {}\n  ],\n  \"a\": [],\n  \"\\u00e9\": null\n}");
    }

    @Test
    void keys_sort_by_code_point_not_by_utf16_unit() {
        assertThat(PythonJson.compareCodePoints("\ud83d\ude00", "\uffff")).isPositive();
        assertThat(PythonJson.compareCodePoints("\ue000", "\ud800")).isPositive(); // a lone surrogate is U+D800
        assertThat(PythonJson.compareCodePoints("a\ud83d\ude01", "a\ud83d\ude00")).isPositive();
        assertThat(PythonJson.compareCodePoints("ab", "a")).isPositive();
    }
}

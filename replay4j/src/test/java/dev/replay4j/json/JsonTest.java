package dev.replay4j.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void integers_of_any_size_stay_exact_and_minus_zero_is_zero() throws Exception {
        assertThat(PythonJson.canonical(Json.parse("[123456789012345678901234567890, -0, 1E2]")))
                .isEqualTo("[123456789012345678901234567890, 0, 100.0]");
    }

    @Test
    void trailing_content_is_an_error_that_says_where() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 1} x")).isInstanceOf(JsonFormatException.class)
                .hasMessageContaining("line 1");
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

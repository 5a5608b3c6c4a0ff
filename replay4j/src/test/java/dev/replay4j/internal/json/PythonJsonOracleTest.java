// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.testing.OracleCases;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three ways a tree is written, against CPython's {@code json.dumps}: sorted keys (what a key hashes), insertion
 * order, and {@code indent=2} (a recording file). The keys mix BMP characters above the surrogates, astral characters
 * and common prefixes, where sorting by UTF-16 unit and by code point disagree.
 */
class PythonJsonOracleTest {
    static Stream<Arguments> texts() {
        return OracleCases.of("python-json.tsv");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("texts")
    void a_tree_is_written_as_python_writes_it(String input, String sorted, String dumps, String indented) throws Exception {
        JsonNode tree = Json.parse(input);
        assertThat(PythonJson.canonical(tree)).as("sort_keys=True").isEqualTo(sorted);
        assertThat(PythonJson.dumps(tree)).as("json.dumps").isEqualTo(dumps);
        assertThat(PythonJson.pretty(tree)).as("indent=2").isEqualTo(indented);
    }
}

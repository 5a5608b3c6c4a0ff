// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.key;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.replay4j.testing.OracleCases;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The string rules of the version-2 normalisation at the edges of Python's {@code \s} and {@code \d}: each character
 * just inside and just outside the space and digit sets, before, inside and after a match, against the reference.
 */
class NormalizedStringsOracleTest {
    static Stream<Arguments> strings() {
        return OracleCases.of("normalized-strings.tsv");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("strings")
    void a_string_normalises_as_the_reference_normalises_it(String text, String normalized) {
        assertThat(BodyNormalizer.normalize(TextNode.valueOf(text), false).textValue()).isEqualTo(normalized);
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.testing.OracleCases;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Python's float printing and rounding, against what CPython 3.11 printed for the same doubles: subnormals, powers of
 * ten across the whole range, the edges of the exponent form, exact ties at five decimals, and random bit patterns.
 */
class PythonFloatsOracleTest {
    static Stream<Arguments> doubles() {
        return OracleCases.of("python-floats.tsv");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("doubles")
    void repr_round5_and_format5_print_what_cpython_prints(String bits, String repr, String roundedRepr, String fixed) {
        double x = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
        assertThat(PythonFloats.repr(x)).as("repr").isEqualTo(repr);
        assertThat(PythonFloats.repr(PythonFloats.round5(x))).as("round(x, 5)").isEqualTo(roundedRepr);
        assertThat(PythonFloats.format5(x)).as("f\"{x:.5f}\"").isEqualTo(fixed);
    }
}

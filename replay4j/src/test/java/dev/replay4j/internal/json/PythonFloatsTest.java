// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values are what CPython 3.11 prints for the same doubles. */
class PythonFloatsTest {

    @ParameterizedTest(name = "repr({0}) = {1}")
    @CsvSource({
            "4.9E-324, 5e-324",          // Java keeps two digits (4.9E-324); Python takes the shortest
            "-4.9E-324, -5e-324",
            "1.0E23, 1e+23",
            "1.0E16, 1e+16",
            "9.999999999999998E15, 9999999999999998.0",
            "1.0E-4, 0.0001",
            "9.5E-5, 9.5e-05",
            "1.7976931348623157E308, 1.7976931348623157e+308",
            "2.2250738585072014E-308, 2.2250738585072014e-308",
            "100.0, 100.0",
            "0.1, 0.1",
            "-0.0, -0.0",
            "1.5E-7, 1.5e-07",
            "123456.789, 123456.789",
    })
    void repr_matches_python(double value, String expected) {
        assertThat(PythonFloats.repr(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "round({0}, 5) = {1}")
    @CsvSource({
            "2.675, 2.675",
            "1.000005, 1.00001",        // the binary value is above the half
            "0.000015, 2e-05",
            "-2.5E-6, -0.0",            // the sign of a zero result is kept
            "1.23456789E-7, 0.0",
            "1234.56789012, 1234.56789",
            "1.0E300, 1e+300",
    })
    void round5_matches_python(double value, String expected) {
        assertThat(PythonFloats.repr(PythonFloats.round5(value))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "f\"'{'{0}:.5f'}'\" = {1}")
    @CsvSource({
            "-1.234E-6, -0.00000",
            "-0.0, -0.00000",
            "0.0, 0.00000",
            "1.2345678901234568E23, 123456789012345685803008.00000",
            "Infinity, inf",
            "-Infinity, -inf",
            "3.141592653589793, 3.14159",
    })
    void format5_matches_python(double value, String expected) {
        assertThat(PythonFloats.format5(value)).isEqualTo(expected);
    }
}

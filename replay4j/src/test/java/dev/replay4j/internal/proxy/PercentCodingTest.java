// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentCodingTest {

    @Test
    void a_test_id_survives_the_round_trip_whatever_it_holds() {
        String id = "com.acme.ChatTest::answers[1, \"Sol\" / \u00e9t\u00e9 \ud83c\udf1e]";
        String encoded = PercentCoding.encode(id);
        assertThat(encoded).matches("[A-Za-z0-9._~%-]+");
        assertThat(PercentCoding.decode(encoded)).isEqualTo(id);
    }

    @Test
    void a_plus_stays_a_plus() {
        assertThat(PercentCoding.decode("a+b%20c")).isEqualTo("a+b c");
    }

    @Test
    void bad_escapes_and_bytes_that_are_not_utf8_are_errors() {
        assertThatThrownBy(() -> PercentCoding.decode("bad%ZZ")).hasMessageContaining("bad percent-encoding at index 3");
        assertThatThrownBy(() -> PercentCoding.decode("x%4")).hasMessageContaining("bad percent-encoding");
        assertThatThrownBy(() -> PercentCoding.decode("%FF%FE")).hasMessageContaining("does not decode to UTF-8");
    }
}

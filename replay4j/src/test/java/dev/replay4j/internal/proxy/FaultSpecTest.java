// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaultSpecTest {
    @Test
    void every_item_is_read() {
        Fault f = Fault.parse(" status=429, retry-after=2 ,times=1,endpoint=/v1/chat/completions,rate=0.5,seed=7");
        assertThat(f.status()).isEqualTo(429);
        assertThat(f.retryAfter()).isEqualTo(2);
        assertThat(f.times()).isEqualTo(1);
        assertThat(f.endpoint()).isEqualTo("/v1/chat/completions");
        assertThat(f.rate()).isEqualTo(0.5);
        assertThat(f.seed()).isEqualTo(7);
        assertThat(f.answers()).isTrue();

        Fault d = Fault.parse("delay=1500,cut-after=3");
        assertThat(d.delayMs()).isEqualTo(1500);
        assertThat(d.cutAfter()).isEqualTo(3);
        assertThat(d.answers()).isFalse();
        assertThat(d.times()).isEqualTo(-1);
        assertThat(d.rate()).isEqualTo(1.0);

        assertThat(Fault.parse("reset").reset()).isTrue();
        assertThat(Fault.parseList("status=500;reset; ")).extracting(Fault::spec).containsExactly("status=500", "reset");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "status=abc|'status=abc': 'abc' is not a whole number",
        "status=99|'status=99': the value must be from 100 to 599",
        "delay=1.5|'delay=1.5': '1.5' is not a whole number of milliseconds",
        "delay=-1|'delay=-1': the value must be from 0",
        "status=500,colour=red|'colour' is not a fault item",
        "status=500,,times=1|an empty item",
        "status=|'status=': status needs a value",
        "status=500,status=502|status is given twice",
        "times=2|does nothing",
        "reset=1|reset takes no value",
        "reset,status=500|reset sends no answer",
        "delay=10,retry-after=1|retry-after goes with status=N",
        "status=500,rate=2|the rate is a fraction from 0 to 1",
        "status=500,seed=3|seed goes with rate=P",
        "status=500,endpoint=v1/chat|the endpoint is a path",
        "status=500,times=0|'times=0': the value must be from 1",
    })
    void a_malformed_spec_names_its_item(String spec, String message) {
        assertThatThrownBy(() -> Fault.parse(spec)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void times_takes_the_first_matching_requests_then_lets_them_through() {
        Faults faults = new Faults(List.of(Fault.parse("status=429,times=2,endpoint=/v1/chat/completions")));
        assertThat(faults.choose(null, null, "/v1/embeddings")).isNull();
        assertThat(faults.choose(null, null, "/v1/chat/completions")).isNotNull();
        assertThat(faults.choose(null, null, "/v1/embeddings")).isNull();
        assertThat(faults.choose(null, null, "/v1/chat/completions")).isNotNull();
        assertThat(faults.choose(null, null, "/v1/chat/completions")).isNull();
    }

    @Test
    void the_first_fault_given_wins_and_a_header_comes_before_all() {
        Faults faults = new Faults(List.of(Fault.parse("status=500,times=1"), Fault.parse("status=502")));
        faults.addForTest("T::a", Fault.parse("status=418,times=1"));
        Fault header = Fault.parse("reset");
        assertThat(faults.choose(header, "T::a", "/p").fault()).isEqualTo(header);
        assertThat(faults.choose(null, "T::a", "/p").fault().status()).isEqualTo(418);
        assertThat(faults.choose(null, "T::a", "/p").fault().status()).isEqualTo(500);
        assertThat(faults.choose(null, "T::a", "/p").fault().status()).isEqualTo(502);
        assertThat(faults.choose(null, "T::b", "/p").fault().status()).isEqualTo(502);
    }

    @Test
    void a_test_fault_counts_that_tests_requests_only_and_goes_with_it() {
        Faults faults = new Faults(List.of());
        faults.addForTest("T::a", Fault.parse("status=429,times=1"));
        faults.addForTest("T::b", Fault.parse("status=429,times=1"));
        assertThat(faults.choose(null, "T::c", "/p")).isNull();
        assertThat(faults.choose(null, "T::a", "/p")).isNotNull();
        assertThat(faults.choose(null, "T::a", "/p")).isNull();
        assertThat(faults.choose(null, "T::b", "/p")).isNotNull(); // a's count is not b's
        faults.addForTest("T::b", Fault.parse("reset"));
        faults.clearForTest("T::b");
        assertThat(faults.choose(null, "T::b", "/p")).isNull();
    }

    @Test
    void a_rate_takes_a_repeatable_fraction() {
        List<Boolean> first = taken(Fault.parse("status=500,rate=0.3,seed=42"), 1000);
        assertThat(taken(Fault.parse("status=500,rate=0.3,seed=42"), 1000)).isEqualTo(first);
        assertThat(taken(Fault.parse("status=500,rate=0.3,seed=43"), 1000)).isNotEqualTo(first);
        long count = first.stream().filter(b -> b).count();
        assertThat(count).isBetween(240L, 360L);
        assertThat(taken(Fault.parse("status=500,rate=0"), 100)).doesNotContain(true);
        assertThat(taken(Fault.parse("status=500,rate=1"), 100)).doesNotContain(false);
        assertThat(taken(Fault.parse("status=500,rate=0.5,seed=1,times=3"), 100).stream().filter(b -> b).count()).isEqualTo(3);
    }

    private static List<Boolean> taken(Fault fault, int n) {
        Faults faults = new Faults(List.of(fault));
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(faults.choose(null, null, "/p") != null);
        }
        return out;
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.junit5.Replay4jTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spring caches a context by its customizers: every replay4j class must get an equal one. */
class Replay4jContextCustomizerFactoryTest {
    private final Replay4jContextCustomizerFactory factory = new Replay4jContextCustomizerFactory();

    @Replay4jTest
    static class OneTest {
    }

    @Replay4jTest(recordTiming = true)
    static class AnotherTest {
        class Nested {
        }
    }

    static class PlainTest {
    }

    @Test
    void every_replay4j_class_gets_an_equal_customizer_and_others_none() {
        assertThat(factory.createContextCustomizer(OneTest.class, List.of()))
                .isEqualTo(factory.createContextCustomizer(AnotherTest.class, List.of()))
                .isEqualTo(factory.createContextCustomizer(AnotherTest.Nested.class, List.of()))
                .hasSameHashCodeAs(factory.createContextCustomizer(AnotherTest.class, List.of()));
        assertThat(factory.createContextCustomizer(PlainTest.class, List.of())).isNull();
    }
}

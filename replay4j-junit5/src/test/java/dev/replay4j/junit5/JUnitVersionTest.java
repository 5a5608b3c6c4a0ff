// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * These tests run twice: here on JUnit 5.10 and in replay4j-junit5-compat on JUnit 6. Each build says which
 * JUnit it means to test with; this makes sure it really got it.
 */
class JUnitVersionTest {
    @Test
    void the_tests_run_on_the_junit_the_build_asked_for() {
        String expected = System.getProperty("replay4j.expected.junit");
        assertThat(expected).as("the build sets replay4j.expected.junit").isNotBlank();
        assertThat(ExtensionContext.class.getPackage().getImplementationVersion()).startsWith(expected);
        assertThat(EngineTestKit.class.getPackage().getImplementationVersion())
                .startsWith(expected.startsWith("5.") ? "1." + expected.substring(2) : expected);
    }
}

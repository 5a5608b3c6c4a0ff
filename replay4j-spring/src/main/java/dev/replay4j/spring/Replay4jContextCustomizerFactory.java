// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.spring;

import dev.replay4j.junit5.Replay4jTest;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Switches replay4j on in the test contexts of {@link Replay4jTest} classes (on the class, a superclass or an
 * enclosing class). Every such class gets the same customizer, which holds nothing, so that Spring's context cache
 * shares one context between them: which proxy and test a request goes to is decided when it is sent.
 */
public final class Replay4jContextCustomizerFactory implements ContextCustomizerFactory {
    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            if (MergedAnnotations.from(c, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).isPresent(Replay4jTest.class)) {
                return new Active();
            }
        }
        return null;
    }

    /** Equal to every other: one cached context for all replay4j test classes of the same configuration. */
    static final class Active implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
            context.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource("replay4j", Map.of(Replay4jSpring.ACTIVE_PROPERTY, "true")));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Active;
        }

        @Override
        public int hashCode() {
            return Active.class.hashCode();
        }

        @Override
        public String toString() {
            return "replay4j";
        }
    }
}

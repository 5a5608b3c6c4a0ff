// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test ids in the java layout's form: {@code <binary name of the test class>::<method name>}, followed by
 * {@code [<indices>]} for an invocation of a parameterized, repeated or other template test, or of a dynamic test.
 *
 * <p>The indices are the invocation numbers from JUnit's unique id (the {@code #1} of
 * {@code [test-template-invocation:#1]}), outermost first, joined by {@code -}: {@code ChatTest::answers[2]}, or
 * {@code ChatTest::answers[1-3]} inside a class template. They stay the same from run to run as long as the
 * arguments keep their order; display names are not used, since arguments' {@code toString()} may not be stable.
 * The class is the one JUnit runs (for an inherited test method, the subclass; for a nested class,
 * {@code Outer$Inner}), so that each test class keeps its own folder.
 */
final class TestIds {
    private static final Pattern SEGMENT = Pattern.compile("\\[([^:\\]]+):([^\\]]*)\\]");

    private TestIds() {
    }

    /** The test id of the context's test method; empty for a class-level context. */
    static Optional<String> of(ExtensionContext context) {
        Optional<Method> method = context.getTestMethod();
        if (method.isEmpty()) {
            return Optional.empty();
        }
        String id = context.getRequiredTestClass().getName() + "::" + method.get().getName();
        List<String> invocations = invocations(context.getUniqueId());
        return Optional.of(invocations.isEmpty() ? id : id + "[" + String.join("-", invocations) + "]");
    }

    static List<String> invocations(String uniqueId) {
        List<String> out = new ArrayList<>();
        Matcher m = SEGMENT.matcher(uniqueId);
        while (m.find()) {
            String type = m.group(1);
            if (type.endsWith("-invocation") || type.startsWith("dynamic-")) {
                String value = m.group(2);
                out.add(value.startsWith("#") ? value.substring(1) : value);
            }
        }
        return out;
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The replay misses per test id, kept until a test framework takes them to fail the test. */
final class Misses {
    /** Misses are few (each fails a test); the cap only guards a runaway client. */
    private static final int MAX_PER_TEST = 100;

    private final Map<Optional<String>, List<String>> byTest = new ConcurrentHashMap<>();

    void add(String testId, String explanation) {
        byTest.compute(Optional.ofNullable(testId), (k, list) -> {
            List<String> l = list == null ? new ArrayList<>() : list;
            if (l.size() < MAX_PER_TEST) {
                l.add(explanation);
            }
            return l;
        });
    }

    List<String> take(String testId) {
        List<String> taken = byTest.remove(Optional.ofNullable(testId));
        return taken == null ? List.of() : List.copyOf(taken);
    }
}

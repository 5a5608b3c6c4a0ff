// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many times each test has sent each request: the nth identical request of a test is the nth answer of a
 * sequence ({@code <key>.json}, then {@code <key>.<n>.json}). A count lives until its test is reset (the JUnit
 * extension resets a test when it starts and ends; {@code POST /_replay4j/reset} for other clients), or as long as
 * the proxy. A request is identified by the file of its first answer.
 */
public final class Sequences {
    private static final String NO_TEST = "\u0000";

    private static final class Count {
        int seen;
    }

    private final Map<String, Map<Path, Count>> tests = new ConcurrentHashMap<>();

    /** The position of this request in its test's sequence of it: 1 the first time. */
    int next(String testId, Path first) throws IOException {
        return next(testId, first, () -> { });
    }

    /** What a sequence's first request does before the second one gets its place. */
    interface FirstAction {
        void run() throws IOException;
    }

    /** {@link #next(String, Path)}, running {@code onFirst} for the first, before any later one is placed. */
    int next(String testId, Path first, FirstAction onFirst) throws IOException {
        Count count = count(testId, first);
        synchronized (count) {
            int n = ++count.seen;
            if (n == 1) {
                onFirst.run();
            }
            return n;
        }
    }

    /** Starts the counts of one test ({@code null}: of requests without a test id) again. */
    public void reset(String testId) {
        tests.remove(testId == null ? NO_TEST : testId);
    }

    /** Starts every count again. */
    public void resetAll() {
        tests.clear();
    }

    private Count count(String testId, Path first) {
        return tests.computeIfAbsent(testId == null ? NO_TEST : testId, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(first, f -> new Count());
    }
}

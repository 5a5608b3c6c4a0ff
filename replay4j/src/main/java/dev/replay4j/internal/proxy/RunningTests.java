// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tests running now, for the requests that carry no test id: while exactly one test runs, they are
 * its; while several run, nobody can tell whose they are, and they are refused rather than recorded in the
 * wrong folder. Safe under parallel tests: it keeps a count per test id, never a thread's state.
 */
public final class RunningTests implements TestAttribution {
    private final Map<String, Integer> running = new ConcurrentHashMap<>();

    /** A test started; a test id may run more than once at a time (the same test in two engines). */
    public void started(String testId) {
        running.merge(testId, 1, Integer::sum);
    }

    public void finished(String testId) {
        running.computeIfPresent(testId, (id, n) -> n == 1 ? null : n - 1);
    }

    @Override
    public String testId() {
        Object[] ids = running.keySet().toArray();
        if (ids.length == 0) {
            return null;
        }
        if (ids.length == 1) {
            return (String) ids[0];
        }
        throw new IllegalStateException("replay4j cannot tell which test this request belongs to: it carries no test id, and "
                + ids.length + " tests are running at once. Send it through the test's own base URL (its path carries the test id)"
                + " or with the header X-Replay4j-Test-Id, or run these tests one at a time");
    }
}

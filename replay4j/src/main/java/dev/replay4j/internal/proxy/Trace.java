// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

/**
 * What the pipeline decided for the request on this thread, noted by its steps as they decide (one line each)
 * and read by {@link ProxyHandler} when the exchange ends, for {@link SeenRequests}. A request runs on one
 * handler thread from start to end, so a thread-local needs no change to the steps' signatures.
 */
final class Trace {
    private static final ThreadLocal<Trace> CURRENT = new ThreadLocal<>();

    String testId;
    String outcome;
    String key;
    String file;
    String explanation;

    static Trace begin() {
        Trace t = new Trace();
        CURRENT.set(t);
        return t;
    }

    static void end() {
        CURRENT.remove();
    }

    private static void note(String outcome, String key, String file, String explanation) {
        Trace t = CURRENT.get();
        if (t != null && (t.outcome == null || !outcome.equals("served"))) { // a merged model list: its first file
            t.outcome = outcome;
            t.key = key;
            t.file = file;
            t.explanation = explanation;
        }
    }

    static void testId(String testId) {
        Trace t = CURRENT.get();
        if (t != null) {
            t.testId = testId;
        }
    }

    static void served(String file, String key) {
        note("served", key, file, null);
    }

    static void recorded(String file, String key) {
        note("recorded", key, file, null);
    }

    static void missed(String key, String explanation) {
        note("missed", key, null, explanation);
    }

    static void faulted(String spec) {
        note("faulted", null, null, "fault " + spec);
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The faults a proxy gives: those of its configuration ({@code serve --fault}, {@code replay4j.fault}), counted
 * across the proxy, each on its own; and those set for one test, counted per test and dropped when the test
 * ends. A request's own {@code X-Replay4j-Fault} comes first, then its test's faults in the order given, then
 * the proxy's; the first that takes the request wins.
 */
final class Faults {
    /** Where a fault came from, as the usage report names it. */
    static final String HEADER = "header";
    static final String TEST = "test";
    static final String PROXY = "proxy";

    /** A fault with its counts: how many matching requests it saw, how many it took. */
    static final class Rule {
        final Fault fault;
        final String source;
        private long matched;
        private long taken;

        Rule(Fault fault, String source) {
            this.fault = fault;
            this.source = source;
        }

        /** True when this fault takes the request: its path matches, and neither times nor rate say no. */
        synchronized boolean takes(String path) {
            if (!fault.appliesTo(path)) {
                return false;
            }
            long n = matched++;
            if (fault.times() >= 0 && taken >= fault.times()) {
                return false;
            }
            if (fault.rate() < 1 && fraction(fault.seed(), n) >= fault.rate()) {
                return false;
            }
            taken++;
            return true;
        }
    }

    /** A fault chosen for a request, and where it came from. */
    record Chosen(Fault fault, String source) {
    }

    private final List<Rule> proxyRules;
    private final Map<String, List<Rule>> testRules = new ConcurrentHashMap<>();

    Faults(List<Fault> proxyFaults) {
        List<Rule> rules = new ArrayList<>();
        proxyFaults.forEach(f -> rules.add(new Rule(f, PROXY)));
        this.proxyRules = List.copyOf(rules);
    }

    void addForTest(String testId, Fault fault) {
        testRules.computeIfAbsent(nfc(testId), k -> new CopyOnWriteArrayList<>()).add(new Rule(fault, TEST));
    }

    void clearForTest(String testId) {
        testRules.remove(nfc(testId));
    }

    boolean isEmpty() {
        return proxyRules.isEmpty() && testRules.isEmpty();
    }

    /** The fault for a request, or {@code null} for none. */
    Chosen choose(Fault header, String testId, String path) {
        if (header != null && header.appliesTo(path)) {
            return new Chosen(header, HEADER);
        }
        if (testId != null) {
            List<Rule> rules = testRules.get(nfc(testId));
            if (rules != null) {
                for (Rule rule : rules) {
                    if (rule.takes(path)) {
                        return new Chosen(rule.fault, rule.source);
                    }
                }
            }
        }
        for (Rule rule : proxyRules) {
            if (rule.takes(path)) {
                return new Chosen(rule.fault, rule.source);
            }
        }
        return null;
    }

    private static String nfc(String testId) {
        return Normalizer.normalize(testId, Normalizer.Form.NFC);
    }

    /** A number from 0 (included) to 1 (excluded) fixed by the seed and the request's place among the matching ones. */
    static double fraction(long seed, long n) {
        long z = seed * 0x9E3779B97F4A7C15L + (n + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}

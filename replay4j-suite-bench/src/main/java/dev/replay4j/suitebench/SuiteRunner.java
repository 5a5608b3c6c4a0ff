// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.suitebench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs one suite class in this (fresh) JVM with the JUnit Platform launcher, as Surefire would, and prints one
 * {@code RESULT} line: the tests' durations (test-started to test-finished events), the time from the first test's
 * start to the run's first answer, and from the test plan's start (before any extension has run) to it.
 *
 * <pre>java -cp CLASSPATH -Dsuite.n=200 -Dsuite.client=openai-java dev.replay4j.suitebench.SuiteRunner CLASS</pre>
 */
public final class SuiteRunner {
    private SuiteRunner() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> suite = Class.forName(args[0]);
        Map<String, Long> started = new ConcurrentHashMap<>();
        List<Long> durations = new ArrayList<>();
        long[] planStart = new long[1];
        long[] firstTestStart = new long[1];
        List<String> failures = new ArrayList<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void testPlanExecutionStarted(TestPlan testPlan) {
                planStart[0] = System.nanoTime();
            }

            @Override
            public void executionStarted(TestIdentifier id) {
                if (id.isTest()) {
                    long now = System.nanoTime();
                    if (firstTestStart[0] == 0) {
                        firstTestStart[0] = now;
                    }
                    started.put(id.getUniqueId(), now);
                }
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    synchronized (failures) {
                        failures.add(id.getDisplayName() + ": " + result.getThrowable().map(Throwable::toString).orElse("?"));
                    }
                }
                if (id.isTest()) {
                    long d = System.nanoTime() - started.get(id.getUniqueId());
                    synchronized (durations) {
                        durations.add(d);
                    }
                }
            }
        };
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(suite)).build();
        Launcher launcher = LauncherFactory.create();
        long t0 = System.nanoTime();
        launcher.execute(request, listener);
        long total = System.nanoTime() - t0;
        if (!failures.isEmpty()) {
            System.out.println("FAILED " + failures.size() + ": " + failures.get(0));
        }
        List<Long> sorted = new ArrayList<>(durations);
        sorted.sort(null);
        // The first test pays the client library's and the server's class loading: shown on its own, left out of the mean.
        double mean = durations.stream().skip(1).mapToLong(Long::longValue).average().orElse(Double.NaN) / 1e6;
        long first = Calls.FIRST_ANSWER.get();
        System.out.println(String.format(Locale.ROOT, "RESULT tests=%d failures=%d meanMs=%.3f medianMs=%.3f firstTestMs=%.1f firstAnswerFromTestStartMs=%.1f"
                        + " firstAnswerFromPlanStartMs=%.1f totalMs=%.0f", durations.size(), failures.size(), mean,
                sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2) / 1e6, sorted.isEmpty() ? Double.NaN : durations.get(0) / 1e6,
                (first - firstTestStart[0]) / 1e6, (first - planStart[0]) / 1e6, total / 1e6));
        System.exit(failures.isEmpty() ? 0 : 1);
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tests of this JVM running now, and the thread each one runs on: for in-process integrations whose clients
 * are built once and shared by every test (a cached Spring context), and which so must name the test of each
 * request when it is sent. A request sent on a test's own thread is that test's; one sent on another thread is the
 * running test's when exactly one runs, and cannot be attributed when several do (never a guess: a pool thread
 * may have served another test before, which is why no inheritable thread-local is used).
 */
public final class InProcessTests {
    /** One running test: its id and the root URL of the proxy that serves it. */
    public record Test(String testId, URI proxy) {
        public Test {
            Objects.requireNonNull(testId, "testId");
            Objects.requireNonNull(proxy, "proxy");
        }

        // Written out: a record's own are bootstrapped through method handles when first run, in a test's first request.
        @Override
        public boolean equals(Object o) {
            return o instanceof Test && ((Test) o).testId.equals(testId) && ((Test) o).proxy.equals(proxy);
        }

        @Override
        public int hashCode() {
            return 31 * testId.hashCode() + proxy.hashCode();
        }
    }

    private static final ThreadLocal<Test> ON_THREAD = new ThreadLocal<>();
    private static final Map<Test, Integer> RUNNING = new ConcurrentHashMap<>();

    private InProcessTests() {
    }

    /** A test starts on the calling thread. */
    public static void started(Test test) {
        RUNNING.merge(test, 1, Integer::sum);
        ON_THREAD.set(test);
    }

    /** A test ended on the calling thread. */
    public static void finished(Test test) {
        RUNNING.computeIfPresent(test, (t, n) -> n == 1 ? null : n - 1);
        if (test.equals(ON_THREAD.get())) {
            ON_THREAD.remove();
        }
    }

    /** The test bound to the calling thread, or {@code null}: what context propagation captures. */
    public static Test onThisThread() {
        return ON_THREAD.get();
    }

    /** Binds a test to the calling thread ({@code null} unbinds): what context propagation restores. */
    public static void bind(Test test) {
        if (test == null) {
            ON_THREAD.remove();
        } else {
            ON_THREAD.set(test);
        }
    }

    /**
     * The test a request sent now, on this thread, belongs to.
     *
     * @param what what the request is, for the message (such as {@code POST https://api.openai.com/v1/chat/completions})
     * @throws IllegalStateException when no test runs, or several run and this thread is none of theirs
     */
    public static Test current(String what) {
        Test own = ON_THREAD.get();
        if (own != null && RUNNING.containsKey(own)) {
            return own;
        }
        Object[] running = RUNNING.keySet().toArray();
        if (running.length == 1) {
            return (Test) running[0];
        }
        String thread = Thread.currentThread().getName();
        if (running.length == 0) {
            throw new IllegalStateException("replay4j: " + what + " was sent on thread '" + thread + "' while no @Replay4jTest"
                    + " test runs (at context start, or after its test ended), so it belongs to no test and cannot be recorded"
                    + " or replayed: make the call from within a test method (or its @BeforeEach / @AfterEach)");
        }
        TreeSet<String> ids = new TreeSet<>();
        for (Object t : running) {
            ids.add(((Test) t).testId());
        }
        throw new IllegalStateException("replay4j cannot tell which test " + what + " belongs to: it was sent on thread '"
                + thread + "', which is not a test's own, while " + running.length + " tests run at once " + ids + "."
                + " Either let the work carry the test along (Micrometer context propagation: a ContextPropagatingTaskDecorator"
                + " on the executor of @Async methods, spring.reactor.context-propagation=auto or"
                + " Hooks.enableAutomaticContextPropagation() for Reactor), or run these tests one at a time"
                + " (@Execution(ExecutionMode.SAME_THREAD) on the class, or @Isolated)");
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.springe2e.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.junit5.Replay4jRuntime;
import dev.replay4j.junit5.Replay4jTest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Two tests at once on the shared context: each one's calls are its own, the {@code @Async} call travels with its
 * test (the application's context-propagating task decorator), and a call on a thread nobody propagated to fails.
 */
@SpringBootTest
@Replay4jTest
@Execution(ExecutionMode.SAME_THREAD) // the class after the others, its two methods at once
class ConcurrentScenario {
    private static final CyclicBarrier BOTH_RUNNING = new CyclicBarrier(2);
    private static final CyclicBarrier BOTH_DONE = new CyclicBarrier(2);

    @Autowired
    Assistant assistant;
    @Autowired
    LaterAssistant later;

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void left(Replay4jRuntime replay4j) throws Exception {
        BOTH_RUNNING.await(60, TimeUnit.SECONDS);
        Seen.put(replay4j.testId(), "same", assistant.ask("Asked by two tests at once"));
        Seen.put(replay4j.testId(), "async", later.askLater("Asked later by two tests at once").get());
        BOTH_DONE.await(60, TimeUnit.SECONDS);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void right(Replay4jRuntime replay4j) throws Exception {
        BOTH_RUNNING.await(60, TimeUnit.SECONDS);
        Seen.put(replay4j.testId(), "same", assistant.ask("Asked by two tests at once"));
        Seen.put(replay4j.testId(), "async", later.askLater("Asked later by two tests at once").get());
        // While the other test runs too: a thread of our own, which carries no test.
        Object failure = CompletableFuture.supplyAsync(() -> assistant.askOllama("Nobody's question"), runnable -> new Thread(runnable).start())
                .handle((answer, thrown) -> thrown != null ? thrown : answer).get(60, TimeUnit.SECONDS);
        BOTH_DONE.await(60, TimeUnit.SECONDS);
        assertThat(failure).isInstanceOf(Throwable.class);
        assertThat(rootMessage((Throwable) failure)).contains("replay4j cannot tell which test", "2 tests run at once", "context propagation");
    }

    private static String rootMessage(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }
}

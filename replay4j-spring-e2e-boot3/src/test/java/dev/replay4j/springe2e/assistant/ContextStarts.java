// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.springe2e.assistant;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** Counts the application contexts started in this JVM: Spring's cache must keep it at one for all scenario classes. */
@Component
public class ContextStarts {
    private static final AtomicInteger STARTS = new AtomicInteger();

    public ContextStarts() {
        STARTS.incrementAndGet();
    }

    public static int count() {
        return STARTS.get();
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.spring;

import dev.replay4j.internal.proxy.InProcessTests;
import io.micrometer.context.ThreadLocalAccessor;

/**
 * Lets Micrometer's context propagation carry the running test to other threads: a
 * {@code ContextPropagatingTaskDecorator} for {@code @Async} methods, Reactor's automatic propagation. Found by
 * context propagation's own service loader; without that library on the class path nothing loads it.
 */
public final class TestThreadLocalAccessor implements ThreadLocalAccessor<InProcessTests.Test> {
    /** The key in a context snapshot. */
    public static final String KEY = "replay4j.test";

    @Override
    public Object key() {
        return KEY;
    }

    @Override
    public InProcessTests.Test getValue() {
        return InProcessTests.onThisThread();
    }

    @Override
    public void setValue(InProcessTests.Test value) {
        InProcessTests.bind(value);
    }

    @Override
    public void setValue() {
        InProcessTests.bind(null);
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

/**
 * Names the test of a request that carries no test id of its own (no path prefix, no header): the hook of an
 * in-process integration whose clients cannot carry one. Called on the proxy's threads, so an implementation
 * must not depend on the calling thread.
 */
@FunctionalInterface
public interface TestAttribution {
    /** Requests without a test id of their own belong to no test: they use the fallback folder. */
    TestAttribution NONE = () -> null;

    /**
     * The test id of such a request, or {@code null} for none.
     *
     * @throws IllegalStateException when the request cannot be attributed; its message is the client's 400 answer
     */
    String testId();
}

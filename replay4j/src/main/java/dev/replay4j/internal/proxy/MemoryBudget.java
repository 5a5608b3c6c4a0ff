// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import java.time.Duration;

/**
 * The heap that large bodies in flight may take: request bodies, upstream answers and the recordings replayed,
 * each counted at a few times its size ({@link #FACTOR}, {@link #FILE_FACTOR}: its bytes, its tree, and what
 * parsing and writing need on the way; measured by {@code BodyMemoryBench}, see docs/benchmarks.md). A body that would take the proxy past the
 * budget waits for the bodies ahead of it, for as long as a client may keep silent; one that can never fit gets
 * {@code 413}, one that does not fit in time {@code 503}, both in the API's error shape, where without the budget
 * the JVM would run out of memory and drop the connection.
 *
 * <p>Bodies under {@link #SMALL} are not counted: they are what the headroom left outside the budget is for.
 */
final class MemoryBudget {
    /** The system property that sets the budget in bytes, in place of the share of the heap. */
    static final String PROPERTY = "replay4j.bodyMemory";
    /** Bodies smaller than this are not counted. */
    static final long SMALL = 1L << 20;
    /**
     * Heap per byte of a JSON body that is parsed (a request, an upstream's answer): its bytes, its tree, and what
     * parsing and writing it need on the way. Peak use was measured at 3 to 4 times the bodies in flight.
     */
    static final int FACTOR = 4;
    /**
     * Heap per byte of a recording file read for its answer alone, or abridged for a miss's comparison: its bytes,
     * and a tree that is at most as large.
     */
    static final int FILE_FACTOR = 2;
    /** What the caches may hold (answers 64 MiB, memoised bodies 16 MiB): not for bodies in flight. */
    private static final long CACHES = AnswerCache.DEFAULT_MAX_BYTES + KeyMemo.DEFAULT_MAX_BYTES;

    /** What a reservation came to. */
    enum Outcome {
        RESERVED,
        /** Larger than the whole budget (with what the exchange holds already): it will never fit. */
        NEVER,
        /** Not within the wait: other bodies hold the memory. */
        BUSY
    }

    private final long total;
    private final long waitNanos;
    private long used;

    MemoryBudget(long total, Duration wait) {
        this.total = Math.max(0, total);
        this.waitNanos = wait.toNanos();
    }

    /**
     * Three quarters of the heap the JVM may grow to less what the caches may hold, and at least half the heap (in
     * a small heap the caches cannot grow to their bound beside large bodies anyway); or the bytes of
     * {@value #PROPERTY} when it is set. (A test's JVM shares its heap with the tests: set it lower there.)
     */
    static long defaultTotal() {
        Long configured = Long.getLong(PROPERTY);
        if (configured != null) {
            return configured;
        }
        long heap = Runtime.getRuntime().maxMemory();
        return Math.max(heap / 4 * 3 - CACHES, heap / 2);
    }

    long total() {
        return total;
    }

    /** The heap that a body of {@code bytes} is counted at. */
    static long cost(long bytes, int factor) {
        return bytes < SMALL ? 0 : bytes > Long.MAX_VALUE / factor ? Long.MAX_VALUE : bytes * factor;
    }

    static long mib(long bytes) {
        return bytes / (1 << 20);
    }

    synchronized long used() {
        return used;
    }

    Lease lease() {
        return new Lease();
    }

    /** What one exchange holds; closing it gives it all back. */
    final class Lease implements AutoCloseable {
        private long held;

        /**
         * Counts a body of {@code bytes} at {@code factor} times its size, waiting for the memory if others hold it.
         * (Two exchanges that each hold memory and wait for more end their wait in time, and one gets a 503.)
         */
        Outcome reserve(long bytes, int factor) {
            return reserve(bytes, factor, waitNanos);
        }

        /** {@link #reserve} without waiting: for what can be left out when memory is short. */
        Outcome reserveNow(long bytes, int factor) {
            return reserve(bytes, factor, 0);
        }

        private Outcome reserve(long bytes, int factor, long wait) {
            long cost = cost(bytes, factor);
            if (cost == 0) {
                return Outcome.RESERVED;
            }
            if (cost > total - held) {
                return Outcome.NEVER; // even alone, with what it holds, this exchange would not fit
            }
            synchronized (MemoryBudget.this) {
                long deadline = System.nanoTime() + wait;
                while (used + cost > total) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return Outcome.BUSY;
                    }
                    try {
                        MemoryBudget.this.wait(Math.max(1, left / 1_000_000), 0);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return Outcome.BUSY;
                    }
                }
                used += cost;
                held += cost;
                return Outcome.RESERVED;
            }
        }

        /** Gives back what {@link #reserve} counted (a body done with before the exchange ends). */
        void release(long bytes, int factor) {
            long cost = Math.min(cost(bytes, factor), held);
            if (cost > 0) {
                synchronized (MemoryBudget.this) {
                    held -= cost;
                    used -= cost;
                    MemoryBudget.this.notifyAll();
                }
            }
        }

        /** The budget in words, for an error message. */
        String describe() {
            return "bodies may take " + mib(total) + " MiB, counted at up to " + FACTOR + " times their size, of this JVM's heap of "
                    + mib(Runtime.getRuntime().maxMemory()) + " MiB; -D" + PROPERTY + "=BYTES sets it";
        }

        @Override
        public void close() {
            if (held > 0) {
                synchronized (MemoryBudget.this) {
                    used -= held;
                    held = 0;
                    MemoryBudget.this.notifyAll();
                }
            }
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that serve the JDK server's exchanges: an idle one is reused, a new one is started while there are
 * fewer than {@code max}, and beyond that the exchanges wait in a queue. So the number of threads stays bounded
 * whatever the clients do (a client that sends its headers a byte at a time holds a thread, until the
 * {@link ClientWatchdog} cuts it), and nothing is ever refused while the pool is open.
 *
 * <p>Never refusing matters: the JDK server runs {@code executor.execute} on its one dispatcher thread. JDK 17's
 * {@code ServerImpl.Dispatcher.handle} catches anything {@code execute} throws and closes that connection, but a
 * refused exchange would be a dropped connection for a client that did nothing wrong. Each task runs under the
 * watchdog, which gives its request headers their deadline.
 */
final class HandlerPool implements Executor {
    private final ThreadPoolExecutor pool;
    private final ClientWatchdog watchdog;
    /** Exchanges handed to the pool and not finished: more than the threads means none is idle. */
    private final AtomicInteger submitted = new AtomicInteger();

    HandlerPool(int max, String threadName, ClientWatchdog watchdog) {
        this.watchdog = watchdog;
        AtomicInteger threads = new AtomicInteger();
        Queue queue = new Queue();
        pool = new ThreadPoolExecutor(0, max, 60, TimeUnit.SECONDS, queue, r -> {
            Thread t = new Thread(r, threadName + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, (task, executor) -> {
            // Every thread is busy: the task waits for one. (After shutdown it is refused, and the server is stopped.)
            if (executor.isShutdown() || !queue.force(task)) {
                submitted.decrementAndGet();
                throw new RejectedExecutionException("replay4j is shutting down");
            }
        });
        queue.pool = pool;
    }

    @Override
    public void execute(Runnable exchange) {
        submitted.incrementAndGet();
        pool.execute(() -> {
            try {
                watchdog.serve(exchange);
            } finally {
                submitted.decrementAndGet();
            }
        });
    }

    void shutdownNow() {
        pool.shutdownNow();
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }

    /**
     * Offers a task to an idle thread if there is one, else tells the pool to start a thread (by refusing it) while
     * it may; at the bound, the refusal handler {@linkplain #force queues} it. The same scheme as Tomcat's.
     */
    private final class Queue extends LinkedTransferQueue<Runnable> {
        ThreadPoolExecutor pool;

        @Override
        public boolean offer(Runnable task) {
            ThreadPoolExecutor p = pool;
            int threads = p.getPoolSize();
            if (threads >= p.getMaximumPoolSize() || submitted.get() <= threads) {
                return super.offer(task);
            }
            return false;
        }

        boolean force(Runnable task) {
            return super.offer(task);
        }
    }
}

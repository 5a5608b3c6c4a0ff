// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.http;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that serve connections: an idle one is reused, a new one started while there are fewer than
 * {@code max}, and beyond that connections wait in a queue. So the number of threads stays bounded whatever the
 * clients do (a client that sends its headers a byte at a time holds a thread until its deadline), and nothing is
 * refused while the server runs. The same scheme as Tomcat's.
 */
final class ServerThreads implements Executor {
    private final ThreadPoolExecutor pool;
    private final Queue queue = new Queue();
    /** Tasks handed over and not finished: more than the threads means none is idle. */
    private final AtomicInteger submitted = new AtomicInteger();

    ServerThreads(int max, String threadName) {
        AtomicInteger threads = new AtomicInteger();
        pool = new ThreadPoolExecutor(0, max, 60, TimeUnit.SECONDS, queue, r -> {
            Thread t = new Thread(r, threadName + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, (task, executor) -> {
            if (executor.isShutdown() || !queue.force(task)) {
                throw new RejectedExecutionException("the server is stopping");
            }
        });
        queue.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        submitted.incrementAndGet();
        try {
            pool.execute(new Counted(task));
        } catch (RuntimeException | Error e) {
            submitted.decrementAndGet(); // refused, or no thread could be started: the task never runs
            throw e;
        }
    }

    /** True when a connection waits for a thread: a thread with nothing to read should let its connection go. */
    boolean wanted() {
        return !queue.isEmpty();
    }

    void shutdownNow() {
        pool.shutdownNow();
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }

    private final class Counted implements Runnable {
        private final Runnable task;

        Counted(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            try {
                task.run();
            } finally {
                submitted.decrementAndGet();
            }
        }
    }

    /** Offers a task to an idle thread if there is one, else makes the pool start a thread (by refusing) while it may. */
    private final class Queue extends LinkedTransferQueue<Runnable> {
        private static final long serialVersionUID = 1L;
        transient ThreadPoolExecutor pool;

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

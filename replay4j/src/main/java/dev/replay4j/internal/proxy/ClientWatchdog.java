// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disconnects clients too slow to serve: one that has not sent its request headers within the timeout of a
 * thread starting to read them, or that sends nothing of its body for the timeout. A client whose bytes keep
 * coming is never cut, however long its upload takes, and nothing here touches answers (a stream may last as
 * long as its upstream).
 *
 * <p>The JDK server reads a request's line and headers on the executor's thread, in blocking mode, with no
 * timeout of its own but {@code sun.net.httpserver.maxReqTime}, which counts the body as well and so would cut
 * a large upload that is still flowing. So the watchdog keeps a deadline per thread while it waits on the
 * client, and when one passes it interrupts the thread: the socket is a {@link java.nio.channels.SocketChannel},
 * an interruptible channel, so the blocked read ends and the channel is closed. The deadline is set and cleared
 * under a lock shared with the check, so a thread is interrupted only inside the read it guards.
 */
final class ClientWatchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    /** What the client was late with. */
    enum Phase {
        HEADERS("had not sent its request headers within"),
        BODY("sent nothing of its request body for");

        final String words;

        Phase(String words) {
            this.words = words;
        }
    }

    private final long timeoutNanos;
    private final String timeoutText;
    private final Set<Guard> guards = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Guard> current = new ThreadLocal<>();
    private final ScheduledExecutorService ticker;

    ClientWatchdog(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        this.timeoutText = seconds(timeout);
        long tick = Math.max(10, Math.min(1000, timeout.toMillis() / 10));
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "replay4j-client-watchdog");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::check, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Runs one exchange of the JDK server; its request line and headers must come within the timeout. */
    void serve(Runnable exchange) {
        Guard guard = new Guard(Thread.currentThread());
        current.set(guard);
        guards.add(guard);
        guard.arm(Phase.HEADERS);
        try {
            exchange.run();
        } finally {
            guards.remove(guard);
            current.remove();
            guard.end();
        }
    }

    /**
     * Called by the handler as it starts: the headers are in, and from now on the body is read through a stream
     * that gives up when the client keeps silent for the timeout.
     *
     * @throws IOException when the headers came too late: the connection is being closed
     */
    InputStream headersArrived(InputStream body) throws IOException {
        Guard guard = current.get();
        if (guard == null) {
            return body; // not run by this proxy's executor (a test's direct call)
        }
        if (!guard.disarm()) {
            throw guard.late(null);
        }
        return new GuardedBody(body, guard);
    }

    private void check() {
        long now = System.nanoTime();
        for (Guard guard : guards) {
            Phase fired = guard.fireIfLate(now);
            if (fired != null) {
                LOG.warn("replay4j: disconnected a client that {} {}", fired.words, timeoutText);
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** The deadline of one thread's wait on its client. */
    private final class Guard {
        private final Thread thread;
        private Phase phase;
        private long deadline;
        private boolean armed;
        private boolean fired;

        Guard(Thread thread) {
            this.thread = thread;
        }

        synchronized void arm(Phase phase) {
            this.phase = phase;
            this.deadline = System.nanoTime() + timeoutNanos;
            this.armed = true;
        }

        /** False when the deadline passed: the thread was interrupted (its flag is cleared here). */
        synchronized boolean disarm() {
            armed = false;
            if (fired) {
                Thread.interrupted();
                return false;
            }
            return true;
        }

        synchronized Phase fireIfLate(long now) {
            if (!armed || now - deadline < 0) {
                return null;
            }
            armed = false;
            fired = true;
            thread.interrupt();
            return phase;
        }

        /** The exchange is over: no interrupt may outlive it on a pooled thread. */
        synchronized void end() {
            armed = false;
            if (fired) {
                Thread.interrupted();
            }
        }

        IOException late(IOException cause) {
            IOException e = new IOException("the client " + phase.words + " " + timeoutText + "; disconnected");
            if (cause != null) {
                e.addSuppressed(cause);
            }
            return e;
        }
    }

    /** A request body whose every read (and the drain on close) gives up after the timeout without a byte. */
    private static final class GuardedBody extends InputStream {
        private final InputStream in;
        private final Guard guard;

        GuardedBody(InputStream in, Guard guard) {
            this.in = in;
            this.guard = guard;
        }

        @Override
        public int read() throws IOException {
            guard.arm(Phase.BODY);
            int b;
            try {
                b = in.read();
            } catch (IOException e) {
                throw rethrow(e);
            }
            done();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            guard.arm(Phase.BODY);
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                throw rethrow(e);
            }
            done();
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            guard.arm(Phase.BODY);
            long skipped;
            try {
                skipped = in.skip(n);
            } catch (IOException e) {
                throw rethrow(e);
            }
            done();
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        /** The JDK server's close drains what is left of the body (up to 64 KiB): a read like any other. */
        @Override
        public void close() throws IOException {
            guard.arm(Phase.BODY);
            try {
                in.close();
            } catch (IOException e) {
                throw rethrow(e);
            }
            done();
        }

        private void done() throws IOException {
            if (!guard.disarm()) {
                throw guard.late(null);
            }
        }

        private IOException rethrow(IOException e) {
            return guard.disarm() ? e : guard.late(e);
        }
    }
}

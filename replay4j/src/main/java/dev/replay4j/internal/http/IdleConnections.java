// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.http;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * Keep-alive connections waiting for their client's next request, on one selector and one thread, holding no
 * buffer and no thread of their own: when a client writes again its connection goes back to a thread. One idle
 * for longer than the idle time, or beyond the most this keeps, is closed, as the JDK server does.
 */
final class IdleConnections implements Runnable {
    private final Selector selector;
    private final Executor threads;
    private final long idleNanos;
    private final int max;
    private final ConcurrentLinkedQueue<Connection> arriving = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final Logger log;
    private volatile boolean closed;

    IdleConnections(Executor threads, long idleNanos, int max, String name, Logger log) throws IOException {
        this.log = log;
        this.selector = Selector.open();
        this.threads = threads;
        this.idleNanos = idleNanos;
        this.max = max;
        Thread thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Takes a connection whose thread has no request for it; false (the caller closes it) when full or closed. */
    boolean park(Connection c) {
        if (closed || count.incrementAndGet() > max) {
            count.decrementAndGet();
            return false;
        }
        arriving.add(c);
        selector.wakeup();
        return true;
    }

    @Override
    public void run() {
        List<Connection> woken = new ArrayList<>();
        long lastSweep = System.nanoTime();
        try {
            while (!closed) {
                try {
                    once(woken);
                    long now = System.nanoTime();
                    if (now - lastSweep > Math.min(1_000_000_000L, idleNanos / 4)) {
                        lastSweep = now;
                        sweep(now);
                    }
                } catch (RuntimeException | Error e) {
                    // Out of memory, most likely: the connections woken and not yet handed on are lost, the
                    // selector lives on (after a pause, so that an error that stays cannot spin it).
                    for (Connection c : woken) {
                        count.decrementAndGet();
                        c.close();
                    }
                    woken.clear();
                    log.error("replay4j: the idle connections' selector failed: {}", e.toString());
                    SocketHttpServer.sleep(50);
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // the selector is closed (stop), or broken: either way no connection can be parked from now on
        } finally {
            closed = true;
            closeAll();
        }
    }

    /** One wait on the selector: connections parked meanwhile registered, readable ones handed to a thread. */
    private void once(List<Connection> woken) throws IOException {
        selector.select(Math.max(1, Math.min(1000, idleNanos / 4_000_000)));
        for (Connection c; (c = arriving.poll()) != null; ) {
            register(c);
        }
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
            SelectionKey key = ready.next();
            ready.remove();
            key.cancel();
            woken.add(((Parked) key.attachment()).connection);
        }
        if (!woken.isEmpty()) {
            selector.selectNow(); // deregisters the cancelled keys: only then can a channel block again
            while (!woken.isEmpty()) {
                resume(woken.remove(woken.size() - 1));
            }
        }
    }

    private void register(Connection c) {
        try {
            c.channel().configureBlocking(false);
            c.channel().register(selector, SelectionKey.OP_READ, new Parked(c, System.nanoTime()));
        } catch (IOException | RuntimeException | Error e) {
            count.decrementAndGet();
            c.close();
        }
    }

    private void resume(Connection c) {
        count.decrementAndGet();
        try {
            c.channel().configureBlocking(true);
            c.readable();
            threads.execute(c);
        } catch (IOException | RuntimeException | Error e) {
            c.close(); // this one is lost (no thread could be started for it, most likely); the others are not
        }
    }

    private void sweep(long now) {
        for (SelectionKey key : selector.keys()) {
            Parked p = (Parked) key.attachment();
            if (key.isValid() && now - p.since > idleNanos) {
                key.cancel();
                count.decrementAndGet();
                p.connection.close();
            }
        }
    }

    void close() {
        closed = true;
        selector.wakeup();
    }

    private void closeAll() {
        for (Connection c; (c = arriving.poll()) != null; ) {
            c.close();
        }
        try {
            for (SelectionKey key : selector.keys()) {
                ((Parked) key.attachment()).connection.close();
            }
            selector.close();
        } catch (IOException | ClosedSelectorException ignored) {
            // closing
        }
    }

    private static final class Parked {
        final Connection connection;
        final long since;

        Parked(Connection connection, long since) {
            this.connection = connection;
            this.since = since;
        }
    }
}

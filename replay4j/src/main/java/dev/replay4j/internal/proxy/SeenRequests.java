// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import dev.replay4j.internal.view.SeenRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The last requests a proxy saw, for its live view, and whoever listens (the JUnit extension's run report). */
public final class SeenRequests {
    /** Enough for a person watching; older ones are in the run report or the logs. */
    private static final int KEPT = 1000;

    private final Deque<SeenRequest> last = new ArrayDeque<>();
    private final List<Consumer<SeenRequest>> listeners = new CopyOnWriteArrayList<>();
    private long seq;

    synchronized long next() {
        return ++seq;
    }

    /** Listeners first: whoever sees a request in {@link #after} finds it in the listeners' hands too. */
    void add(SeenRequest request) {
        for (Consumer<SeenRequest> l : listeners) {
            l.accept(request);
        }
        synchronized (this) {
            last.addLast(request);
            if (last.size() > KEPT) {
                last.removeFirst();
            }
        }
    }

    /** Those numbered after {@code seq}, oldest first. */
    public synchronized List<SeenRequest> after(long seq) {
        List<SeenRequest> out = new ArrayList<>();
        for (SeenRequest r : last) {
            if (r.seq() > seq) {
                out.add(r);
            }
        }
        return out;
    }

    public void listen(Consumer<SeenRequest> listener) {
        listeners.add(listener);
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/** A counter on one terminal line, redrawn at most ten times a second; silent when not on a terminal. */
final class Progress {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final int total;
    private final boolean shown;
    private final AtomicInteger done = new AtomicInteger();
    private long lastDrawn;

    Progress(PrintWriter err, int total, boolean shown) {
        this.err = err;
        this.total = total;
        this.shown = shown;
        this.lastDrawn = System.nanoTime() - REDRAW_NANOS;
    }

    /** Called from the worker threads, once per file. */
    void advance() {
        int n = done.incrementAndGet();
        if (shown) {
            synchronized (this) {
                long now = System.nanoTime();
                if (now - lastDrawn >= REDRAW_NANOS || n == total) {
                    lastDrawn = now;
                    err.print("\rverifying " + n + "/" + total + " files");
                    err.flush();
                }
            }
        }
    }

    void finish() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.slf4j.Logger;

/** How long a client may keep silent, and what the server says when one did. */
final class Timeouts {
    private final int millis;
    private final String text;
    private final Logger log;

    Timeouts(Duration timeout, Logger log) {
        this.millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        this.text = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
        this.log = log;
    }

    int millis() {
        return millis;
    }

    long nanos() {
        return millis * 1_000_000L;
    }

    IOException bodySilent(SocketTimeoutException cause) {
        return late("sent nothing of its request body for", cause);
    }

    IOException headersLate(SocketTimeoutException cause) {
        return late("had not sent its request headers within", cause);
    }

    private IOException late(String what, SocketTimeoutException cause) {
        log.warn("replay4j: disconnected a client that {} {}", what, text);
        IOException e = new ClientTooSlow("the client " + what + " " + text + "; disconnected");
        e.addSuppressed(cause);
        return e;
    }

    /** The connection is closed: nothing more is read or written on it. */
    static final class ClientTooSlow extends IOException {
        private static final long serialVersionUID = 1L;

        ClientTooSlow(String message) {
            super(message);
        }
    }
}

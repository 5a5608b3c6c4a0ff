// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

/**
 * Raised to drop the connection without ending the answer, so that the client sees it broken: a stream that
 * was cut must not look complete.
 */
final class AbortConnection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AbortConnection(String message) {
        super(message, null, false, false);
    }
}

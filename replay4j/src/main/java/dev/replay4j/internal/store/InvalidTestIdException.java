// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.store;

/** A test id that cannot name a recordings folder: it would leave the root, or it holds control characters. */
public class InvalidTestIdException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidTestIdException(String message) {
        super(message);
    }
}

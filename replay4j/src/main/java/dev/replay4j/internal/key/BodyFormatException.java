// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.key;

/** A request body that is not what its content type declares, such as a multipart form that does not parse. */
public final class BodyFormatException extends Exception {
    public BodyFormatException(String message) {
        super(message);
    }
}

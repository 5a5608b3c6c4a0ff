// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.http;

import java.io.IOException;

/** A request this server cannot read: answered with its status and a line of text, then the connection is closed. */
final class BadRequest extends IOException {
    private static final long serialVersionUID = 1L;

    final int status;

    BadRequest(int status, String message) {
        super(message);
        this.status = status;
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.json;

/** A text that is not the JSON it should be; the message says what is wrong and where. */
public class JsonFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public JsonFormatException(String message) {
        super(message);
    }
}

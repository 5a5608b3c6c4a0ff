// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.recording;

/** A recording file that cannot be read; the message names the file and what is wrong with it. */
public class RecordingFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public RecordingFormatException(String message) {
        super(message);
    }
}

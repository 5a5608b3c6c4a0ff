// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.verify;

import java.util.Locale;

/** What {@code verify} finds for one file. */
public enum Verdict {
    /** The file name is the version-2 key of the request stored in it. */
    CURRENT,
    /** The file name is the version-1 key (no normalisation). */
    LEGACY,
    /** The name matches neither: edited after it was written, or keyed by other rules. */
    MISMATCH,
    /** Not an HTTP inference recording; read without failing. */
    OTHER,
    /** Not valid JSON, or not a JSON object. */
    BROKEN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isProblem() {
        return this == MISMATCH || this == BROKEN;
    }
}

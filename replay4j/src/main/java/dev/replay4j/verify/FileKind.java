// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.verify;

import java.util.Locale;

/** What a file under a recordings folder holds. */
public enum FileKind {
    INFERENCE,
    MODELS,
    OTHER,
    BROKEN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j;

import java.util.Locale;

/** What the proxy does with a request, depending on whether a recording exists. */
public enum Mode {
    /** Call upstream, store nothing. */
    LIVE("live"),
    /** Call upstream; store (or overwrite) the recording. */
    RECORD("record"),
    /** Serve the recording; never call upstream; a miss fails loudly. The default. */
    REPLAY("replay"),
    /** Serve the recording when it exists; otherwise call upstream and store it. */
    RECORD_IF_MISSING("record-if-missing");

    private final String cliName;

    Mode(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** True for the modes that may call the upstream, and so need one. */
    public boolean needsUpstream() {
        return this != REPLAY;
    }

    public static Mode fromName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Mode mode : values()) {
            if (mode.cliName.equals(n)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + name + "': use replay, record, record-if-missing or live");
    }

    @Override
    public String toString() {
        return cliName;
    }
}

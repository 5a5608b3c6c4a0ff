// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.suitebench;

import java.util.stream.IntStream;

/** The tests' numbers: {@code -Dsuite.n} of them, 200 unless set. */
public final class Tests {
    private Tests() {
    }

    public static IntStream numbers() {
        return IntStream.range(0, Integer.getInteger("suite.n", 200));
    }
}

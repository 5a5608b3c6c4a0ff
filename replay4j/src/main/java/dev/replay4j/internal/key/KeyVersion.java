// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.key;

/** Version 2 normalises the body before hashing; version 1 (older files) hashes it as it is. */
public enum KeyVersion {
    V1(1),
    V2(2);

    private final int number;

    KeyVersion(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static KeyVersion of(int number) {
        for (KeyVersion v : values()) {
            if (v.number == number) {
                return v;
            }
        }
        throw new IllegalArgumentException("key version must be 1 or 2, not " + number);
    }

    /** The order in which a lookup tries the versions: newest first. */
    public static KeyVersion[] lookupOrder() {
        return new KeyVersion[] {V2, V1};
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.key;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The lowercase hex SHA-256 of bytes: what names an uploaded file's content and checks a recorded answer's. */
public final class Sha256 {
    /**
     * Cloned for each digest: {@code MessageDigest.getInstance} looks the algorithm up among the security providers
     * every time, which in a test JVM, where the code runs interpreted, cost a fifth of a request key.
     */
    private static final MessageDigest PROTOTYPE = lookUp();

    private Sha256() {
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** A new SHA-256 digest. */
    public static MessageDigest digest() {
        try {
            return (MessageDigest) PROTOTYPE.clone(); // never updated, so clones of it may be made on any thread
        } catch (CloneNotSupportedException e) {
            return lookUp();
        }
    }

    private static MessageDigest lookUp() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The test id of the {@code /_replay4j/id/<id>/} prefix: base64url of its UTF-8 bytes, without padding. Made only of
 * unreserved characters, so that a client which encodes its base URL again (Spring's {@code DefaultUriBuilderFactory})
 * leaves it as it is.
 */
public final class IdCoding {
    private IdCoding() {
    }

    public static String encode(String testId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(testId.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException for anything but unpadded base64url of UTF-8 */
    static String decode(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new IllegalArgumentException("the test id in " + ProxyServer.ID_PREFIX + " must be base64url (A-Z a-z 0-9 - _)"
                        + " without padding, but '" + Secrets.printable(segment) + "' holds '" + Secrets.printable(String.valueOf(c)) + "'");
            }
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(segment);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the test id in " + ProxyServer.ID_PREFIX + " is not base64url: '"
                    + Secrets.printable(segment) + "' (" + e.getMessage() + ")");
        }
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.US_ASCII); // most test ids: no decoder to make and run
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the test id in " + ProxyServer.ID_PREFIX + " decodes to bytes that are not UTF-8: '"
                    + Secrets.printable(segment) + "'");
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}

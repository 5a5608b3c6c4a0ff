// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.key;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.internal.api.Endpoints;
import dev.replay4j.internal.json.PythonJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The request key: the SHA-256 of the canonical JSON of {@code {method, endpoint, body, test_id}}.
 * It names the recording file, so it must agree byte for byte with the spec (and llama-stack).
 */
public final class RequestKey {
    /** Model lists are shared by all tests: their keys leave {@code test_id} out. */
    /** Length of the very old file names: the first 12 hex digits of the key. */
    public static final int LEGACY_NAME_LENGTH = 12;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String hex;
    private final String canonical;
    private final KeyVersion version;

    private RequestKey(String hex, String canonical, KeyVersion version) {
        this.hex = hex;
        this.canonical = canonical;
        this.version = version;
    }

    /**
     * @param method    the HTTP method, in any case
     * @param urlOrPath the upstream URL that was (or would be) called, or its path alone; its path is
     *                  hashed, and its host decides the Bedrock rule
     * @param body      the parsed request body ({@code {}} for an empty one)
     * @param testId    the test id, or {@code null} outside any test
     */
    public static RequestKey compute(String method, String urlOrPath, JsonNode body, String testId, KeyVersion version) {
        return RequestKeys.of(body).key(method, urlOrPath, testId, version);
    }

    /** Builds the hashed text around a body already in canonical form. */
    static RequestKey fromCanonicalBody(String canonicalBody, String method, String path, String testId, KeyVersion version) {
        // Keys in the order they sort to; written by hand so that the body is not copied into a new tree.
        StringBuilder text = new StringBuilder(canonicalBody.length() + 160);
        text.append("{\"body\": ").append(canonicalBody);
        text.append(", \"endpoint\": ");
        PythonJson.writeString(text, path);
        text.append(", \"method\": ");
        PythonJson.writeString(text, method.toUpperCase(Locale.ROOT));
        if (!Endpoints.isModelList(path)) {
            text.append(", \"test_id\": ");
            if (testId == null) {
                text.append("null");
            } else {
                PythonJson.writeString(text, testId);
            }
        }
        text.append('}');
        String canonical = text.toString();
        return new RequestKey(sha256Hex(canonical), canonical, version);
    }

    /** The key: 64 lowercase hex digits. */
    public String hex() {
        return hex;
    }

    /** The exact text that was hashed, to show why two requests differ. */
    public String canonical() {
        return canonical;
    }

    public KeyVersion version() {
        return version;
    }

    /** The first 12 hex digits, as normalised response ids ({@code rec-...}) and legacy file names use. */
    public String shortHex() {
        return hex.substring(0, LEGACY_NAME_LENGTH);
    }

    static String sha256Hex(String ascii) {
        // The canonical text is pure ASCII (ensure_ascii), so ISO-8859-1 is its UTF-8 and the fastest encoder.
        return hex(sha256().digest(ascii.getBytes(StandardCharsets.ISO_8859_1)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestKey && ((RequestKey) o).hex.equals(hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    @Override
    public String toString() {
        return hex;
    }
}

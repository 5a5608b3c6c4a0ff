// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.key;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.internal.api.Endpoints;
import dev.replay4j.internal.json.AsciiSink;
import dev.replay4j.internal.json.PythonJson;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The request key: the SHA-256 of the canonical JSON of {@code {method, endpoint, body, test_id}}.
 * It names the recording file, so it must agree byte for byte with the spec (and llama-stack).
 */
public final class RequestKey {
    /** Length of the very old file names: the first 12 hex digits of the key. */
    public static final int LEGACY_NAME_LENGTH = 12;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String hex;
    private final KeyVersion version;

    RequestKey(String hex, KeyVersion version) {
        this.hex = hex;
        this.version = version;
    }

    /**
     * @param method    the HTTP method, in any case
     * @param urlOrPath the upstream URL that was (or would be) called, or its path alone; its path is
     *                  hashed with the query parameters that {@link KeyedQuery} keeps, and its host decides the
     *                  Bedrock rule
     * @param body      the parsed request body ({@code {}} for an empty one)
     * @param testId    the test id, or {@code null} outside any test
     */
    public static RequestKey compute(String method, String urlOrPath, JsonNode body, String testId, KeyVersion version) {
        return RequestKeys.of(body).key(method, urlOrPath, testId, version);
    }

    /**
     * The exact text that {@link #compute} hashes, to show why two requests differ. Built on demand: a key holds
     * only its digest, and is hashed from the tree in a small buffer, so a body of 30 MB is never copied as text.
     */
    public static String canonicalText(String method, String urlOrPath, JsonNode body, String testId, KeyVersion version) {
        return RequestKeys.of(body).canonicalText(method, urlOrPath, testId, version);
    }

    /** The text before the body: keys in the order they sort to, written by hand so that the body is not copied. */
    static void writeHead(AsciiSink text) {
        text.append("{\"body\": ");
    }

    /** The text after the body. */
    static void writeTail(AsciiSink text, String method, String path, String keyedQuery, String testId) {
        text.append(", \"endpoint\": ");
        PythonJson.writeString(text, path + keyedQuery);
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
    }

    /** The key: 64 lowercase hex digits. */
    public String hex() {
        return hex;
    }

    public KeyVersion version() {
        return version;
    }

    /** The first 12 hex digits, as normalised response ids ({@code rec-...}) and legacy file names use. */
    public String shortHex() {
        return hex.substring(0, LEGACY_NAME_LENGTH);
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

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.key;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.internal.json.AsciiSink;
import dev.replay4j.internal.json.PythonJson;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The keys of one request body under several methods, paths and versions, as a lookup tries them. The hashed text
 * is {@code {"body": <canonical body>, "endpoint": ..., "method": ..., "test_id": ...}}: the body is written
 * straight into SHA-256 through a small buffer, once per canonical form of it, and the digest's state after it is
 * kept and cloned for each key, so that neither the text nor its bytes are ever held (for a body of 30 MB they
 * were 30 MB each, several times over).
 */
public final class RequestKeys {
    private final JsonNode body;
    /** The digest after {@code {"body": <body>}, per canonical form; {@code null} until asked for. */
    private MessageDigest raw;
    private MessageDigest normalized;
    private MessageDigest normalizedBedrock;
    /** True when normalisation left the body as it is (so every form is the raw one). */
    private Boolean unchanged;

    private RequestKeys(JsonNode body) {
        this.body = Objects.requireNonNull(body, "body");
    }

    public static RequestKeys of(JsonNode body) {
        return new RequestKeys(body);
    }

    /** See {@link RequestKey#compute}. */
    public RequestKey key(String method, String urlOrPath, String testId, KeyVersion version) {
        Objects.requireNonNull(method, "method");
        UrlParts url = UrlParts.of(Objects.requireNonNull(urlOrPath, "urlOrPath"));
        MessageDigest digest = copy(afterBody(version, url.isBedrock()), version, url.isBedrock());
        AsciiSink text = AsciiSink.digest(digest);
        RequestKey.writeTail(text, method, url.path(), KeyedQuery.of(urlOrPath), testId);
        text.flush();
        return new RequestKey(RequestKey.hex(digest.digest()), version);
    }

    /** See {@link RequestKey#canonicalText}. */
    public String canonicalText(String method, String urlOrPath, String testId, KeyVersion version) {
        Objects.requireNonNull(method, "method");
        UrlParts url = UrlParts.of(Objects.requireNonNull(urlOrPath, "urlOrPath"));
        AsciiSink.Text text = AsciiSink.text(256);
        RequestKey.writeHead(text);
        PythonJson.writeCanonical(text, canonicalBody(version, url.isBedrock()));
        RequestKey.writeTail(text, method, url.path(), KeyedQuery.of(urlOrPath), testId);
        return text.toString();
    }

    /** The tree whose canonical text a key of this version and host hashes. */
    private JsonNode canonicalBody(KeyVersion version, boolean bedrock) {
        return version == KeyVersion.V1 ? body : BodyNormalizer.normalize(body, bedrock);
    }

    private MessageDigest afterBody(KeyVersion version, boolean bedrock) {
        if (version == KeyVersion.V1) {
            if (raw == null) {
                raw = hashed(body);
            }
            return raw;
        }
        if (bedrock) {
            if (normalizedBedrock == null) {
                normalizedBedrock = hashed(BodyNormalizer.normalize(body, true));
            }
            return normalizedBedrock;
        }
        if (normalized == null) {
            JsonNode n = BodyNormalizer.normalize(body, false);
            if (unchanged == null) {
                unchanged = n == body; // normalisation copies on write: the same tree is the same text
            }
            if (unchanged && raw != null) {
                normalized = raw;
            } else {
                normalized = hashed(n);
                if (unchanged) {
                    raw = normalized;
                }
            }
        }
        return normalized;
    }

    private static MessageDigest hashed(JsonNode tree) {
        MessageDigest digest = Sha256.digest();
        AsciiSink text = AsciiSink.digest(digest);
        RequestKey.writeHead(text);
        PythonJson.writeCanonical(text, tree);
        text.flush();
        return digest;
    }

    /** A copy of a digest's state, to finish one key with; hashed again where the provider cannot clone. */
    private MessageDigest copy(MessageDigest state, KeyVersion version, boolean bedrock) {
        try {
            return (MessageDigest) state.clone();
        } catch (CloneNotSupportedException e) {
            return hashed(canonicalBody(version, bedrock));
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.key;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.internal.json.PythonJson;
import java.util.Objects;

/**
 * The keys of one request body under several methods, paths and versions, as a lookup tries them:
 * each canonical form of the body is computed once, however many keys are asked for.
 */
public final class RequestKeys {
    private final JsonNode body;
    private String raw;
    private String normalized;
    private String normalizedBedrock;

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
        return RequestKey.fromCanonicalBody(canonicalBody(version, url.isBedrock()), method, url.path(), testId, version);
    }

    private String canonicalBody(KeyVersion version, boolean bedrock) {
        if (version == KeyVersion.V1) {
            if (raw == null) {
                raw = PythonJson.canonical(body);
            }
            return raw;
        }
        if (bedrock) {
            if (normalizedBedrock == null) {
                normalizedBedrock = PythonJson.canonical(BodyNormalizer.normalize(body, true));
            }
            return normalizedBedrock;
        }
        if (normalized == null) {
            normalized = PythonJson.canonical(BodyNormalizer.normalize(body, false));
        }
        return normalized;
    }
}

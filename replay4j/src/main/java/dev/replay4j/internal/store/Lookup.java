// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A request to find a recording for.
 *
 * @param method       the HTTP method the client used
 * @param path         the path the client sent (test id prefix already removed), without the query
 * @param body         the parsed request body ({@code {}} for an empty one)
 * @param testId       the test id, or {@code null}
 * @param upstreamBase the upstream base URL that would be called, or {@code null} when none is configured
 * @param rawQuery     the query the client sent, or {@code null}: its keyed parameters join the endpoint
 */
public record Lookup(String method, String path, JsonNode body, String testId, String upstreamBase, String rawQuery) {
    public Lookup {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
    }

    /** A request without a query. */
    public Lookup(String method, String path, JsonNode body, String testId, String upstreamBase) {
        this(method, path, body, testId, upstreamBase, null);
    }
}

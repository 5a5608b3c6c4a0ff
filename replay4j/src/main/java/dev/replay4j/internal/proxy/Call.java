// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import dev.replay4j.ApiFamily;
import dev.replay4j.internal.store.Lookup;

/**
 * A request on its way through the pipeline: what the client sent, with the test-id prefix taken off its path.
 *
 * @param rawQuery the query as sent, or {@code null}
 * @param testId   the test the request belongs to, or {@code null} for none
 * @param body     the body's bytes as sent
 * @param json     the body parsed and redacted ({@code {}} for an empty one); {@code null} until {@link RequestReader#parse} ran
 * @param headers  the client's request headers (read only)
 */
record Call(String method, String path, String rawQuery, String testId, byte[] body, JsonNode json, ApiFamily family,
            Headers headers) {

    /** This call without its body's bytes and tree: what a replay needs, and not a large body kept reachable. */
    Call withoutBody() {
        return new Call(method, path, rawQuery, testId, new byte[0], null, family, headers);
    }

    Call withJson(JsonNode parsed) {
        return new Call(method, path, rawQuery, testId, body, parsed, family, headers);
    }

    /** What the store is asked for this request, when it would go to {@code upstreamBase} ({@code null}: none configured). */
    Lookup lookup(String upstreamBase) {
        return new Lookup(method, path, json, testId, upstreamBase, rawQuery);
    }

    /** The upstream base URL this request names itself ({@link ProxyServer#UPSTREAM_HEADER}), or {@code null}. */
    String requestedUpstream() {
        return headers == null ? null : headers.getFirst(ProxyServer.UPSTREAM_HEADER);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}

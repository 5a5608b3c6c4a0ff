// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.JsonFormatException;
import dev.replay4j.internal.store.RecordingStore;

/**
 * Finds the test a request belongs to, first found wins: the path prefix {@code /_replay4j/test/<percent-encoded id>/}
 * or {@code /_replay4j/id/<base64url id>/}, the header {@value ProxyServer#TEST_ID_HEADER}, OGX's
 * {@code X-OGX-Provider-Data}, then llama-stack's {@code X-LlamaStack-Provider-Data} (their {@code __test_id}),
 * then the in-process {@link TestAttribution}. The id is normalised (form C) and checked here, before anything
 * else happens: one that breaks the rules of {@code TestIdRules} is refused.
 */
final class TestIdSource {
    /** The client path without the prefix, and the test id ({@code null}: none). */
    record Target(String path, String testId) {
    }

    static final String OGX_HEADER = "X-OGX-Provider-Data";
    static final String LLAMA_STACK_HEADER = "X-LlamaStack-Provider-Data";

    private final RecordingStore store;
    private final TestAttribution attribution;

    TestIdSource(RecordingStore store, TestAttribution attribution) {
        this.store = store;
        this.attribution = attribution;
    }

    /**
     * @throws IllegalArgumentException for an id that is badly encoded or would make no valid folder
     * @throws IllegalStateException    when the attribution cannot tell whose request it is
     */
    Target read(String rawPath, Headers headers) {
        String path = rawPath;
        String testId;
        String prefix = prefixOf(rawPath);
        if (prefix != null) {
            String rest = rawPath.substring(prefix.length());
            int slash = rest.indexOf('/');
            String segment = slash < 0 ? rest : rest.substring(0, slash);
            String prefixed = prefix.equals(ProxyServer.ID_PREFIX) ? IdCoding.decode(segment) : PercentCoding.decode(segment);
            path = slash < 0 ? "/" : rest.substring(slash);
            testId = prefixed.isEmpty() ? null : prefixed;
        } else {
            testId = fromHeaders(headers);
        }
        if (testId != null) {
            testId = store.normalizedTestId(testId);
            store.folderFor(testId);
        }
        return new Target(path, testId);
    }

    /** The path as a client sent it, without the test-id prefix: for answers to requests refused before {@link #read}. */
    static String clientPath(String rawPath) {
        String prefix = prefixOf(rawPath);
        if (prefix == null) {
            return rawPath;
        }
        int slash = rawPath.indexOf('/', prefix.length());
        return slash < 0 ? "/" : rawPath.substring(slash);
    }

    private static String prefixOf(String rawPath) {
        if (rawPath.startsWith(ProxyServer.TEST_PREFIX)) {
            return ProxyServer.TEST_PREFIX;
        }
        return rawPath.startsWith(ProxyServer.ID_PREFIX) ? ProxyServer.ID_PREFIX : null;
    }

    private String fromHeaders(Headers headers) {
        String idHeader = headers.getFirst(ProxyServer.TEST_ID_HEADER);
        if (idHeader != null) {
            String id = PercentCoding.decode(idHeader.trim());
            return id.isEmpty() ? null : id;
        }
        // llama-stack is OGX now; its clients send the new header, older ones the old.
        String header = headers.containsKey(OGX_HEADER) ? OGX_HEADER : LLAMA_STACK_HEADER;
        String providerData = headers.getFirst(header);
        if (providerData != null) {
            try {
                JsonNode data = Json.parse(providerData);
                JsonNode id = data.get("__test_id");
                if (id != null && id.isTextual()) {
                    return id.textValue();
                }
            } catch (JsonFormatException e) {
                throw new IllegalArgumentException(header + " is not a JSON object: " + e.getMessage());
            }
        }
        return attribution.testId();
    }
}

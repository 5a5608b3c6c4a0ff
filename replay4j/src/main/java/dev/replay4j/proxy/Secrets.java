package dev.replay4j.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What never reaches the disk: credential headers (passed upstream, never written) and the body fields
 * the user names (replaced by {@value #REDACTED} before the key is computed, in record and replay alike).
 */
final class Secrets {
    static final String REDACTED = "<redacted>";

    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "api-key", "x-api-key",
            "proxy-authorization", "cookie", "set-cookie", "x-llamastack-provider-data");
    /** Any header whose name holds one of these is treated as a credential too. */
    private static final String[] CREDENTIAL_WORDS = {"auth", "key", "token", "secret", "password", "cookie", "session", "signature", "credential"};
    /** Connection-level headers, ours, and SDK telemetry that changes from machine to machine. */
    private static final Set<String> NOT_RECORDED = Set.of("host", "content-length", "connection", "transfer-encoding",
            "keep-alive", "upgrade", "expect", "te", "trailer", "accept-encoding", "user-agent", "x-replay4j-test-id",
            "http2-settings");

    private final Set<String> extraHeaders = new TreeSet<>();
    private final Set<String> bodyFields = new TreeSet<>();

    void redactHeader(String name) {
        extraHeaders.add(name.toLowerCase(Locale.ROOT));
    }

    void redactField(String name) {
        bodyFields.add(name);
    }

    Set<String> redactedHeaders() {
        return extraHeaders;
    }

    Set<String> redactedFields() {
        return bodyFields;
    }

    boolean isCredential(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        if (CREDENTIAL_HEADERS.contains(h) || extraHeaders.contains(h)) {
            return true;
        }
        for (String word : CREDENTIAL_WORDS) {
            if (h.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** True for a header that may be written into a recording. */
    boolean isRecordable(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        return !isCredential(h) && !NOT_RECORDED.contains(h) && !h.startsWith("x-stainless-") && !h.startsWith("x-replay4j-");
    }

    /** Replaces every named field, at any depth, in place; returns the same tree. */
    JsonNode redactBody(JsonNode body) {
        if (!bodyFields.isEmpty()) {
            redact(body);
        }
        return body;
    }

    private void redact(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (bodyFields.contains(field.getKey())) {
                    field.setValue(TextNode.valueOf(REDACTED));
                } else {
                    redact(field.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(this::redact);
        }
    }
}

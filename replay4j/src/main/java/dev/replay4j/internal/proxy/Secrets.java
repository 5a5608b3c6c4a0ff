// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.replay4j.internal.api.Endpoints;
import dev.replay4j.internal.key.UrlParts;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What never reaches the disk: credential headers (passed upstream, never written) and the body fields
 * the user names (replaced by {@value #REDACTED} before the key is computed, in record and replay alike).
 */
public final class Secrets {
    static final String REDACTED = "<redacted>";
    private static final int MAX_PRINTABLE = 500;

    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "api-key", "x-api-key",
            "proxy-authorization", "cookie", "set-cookie", "x-llamastack-provider-data", "x-ogx-provider-data",
            "openai-organization", "openai-project"); // the last two name an account: passed upstream, never written
    /** Any header whose name holds one of these is treated as a credential too. */
    private static final String[] CREDENTIAL_WORDS = {"auth", "key", "token", "secret", "password", "cookie", "session", "signature", "credential"};
    /**
     * Connection-level headers, ours, SDK telemetry that changes from machine to machine, and the parts of an AWS
     * SigV4 signature and of the AWS SDK's per-call noise that change on every call.
     */
    private static final Set<String> NOT_RECORDED = Set.of("host", "content-length", "connection", "transfer-encoding",
            "keep-alive", "upgrade", "expect", "te", "trailer", "accept-encoding", "user-agent", "x-replay4j-test-id", "x-replay4j-fault",
            "http2-settings", "x-amz-date", "x-amz-content-sha256", "amz-sdk-invocation-id", "amz-sdk-request",
            "x-amz-user-agent", "x-goog-api-client");

    /** Only the built-in credentials. */
    public static final Secrets BUILT_IN = new Secrets(Set.of(), Set.of());

    private final Set<String> extraHeaders;
    private final Set<String> bodyFields;

    private Secrets(Set<String> extraHeaders, Set<String> bodyFields) {
        this.extraHeaders = extraHeaders;
        this.bodyFields = bodyFields;
    }

    /** These secrets and a header never written to a recording. */
    public Secrets withHeader(String name) {
        return new Secrets(plus(extraHeaders, name.toLowerCase(Locale.ROOT)), bodyFields);
    }

    /** These secrets and a body field (by name, at any depth) redacted before the key is computed. */
    public Secrets withField(String name) {
        return new Secrets(extraHeaders, plus(bodyFields, name));
    }

    private static Set<String> plus(Set<String> set, String element) {
        Set<String> out = new TreeSet<>(set);
        out.add(element);
        return Collections.unmodifiableSet(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secrets && extraHeaders.equals(((Secrets) o).extraHeaders)
                && bodyFields.equals(((Secrets) o).bodyFields);
    }

    @Override
    public int hashCode() {
        return 31 * extraHeaders.hashCode() + bodyFields.hashCode();
    }


    boolean isCredential(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        return CREDENTIAL_HEADERS.contains(h) || extraHeaders.contains(h) || isCredentialName(h);
    }

    /** True for a header that may be written into a recording. */
    boolean isRecordable(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        return !isCredential(h) && !NOT_RECORDED.contains(h) && !h.startsWith("x-stainless-") && !h.startsWith("x-replay4j-");
    }

    /**
     * The URL as it may be written: no user info, and the value of every query parameter whose name is a
     * credential's (such as {@code key=}, {@code api_key=}, {@code sig=}) replaced by {@value #REDACTED}.
     */
    static String recordableUrl(String url) {
        String out = url;
        int scheme = out.indexOf("://");
        if (scheme > 0) {
            int hostStart = scheme + 3;
            int pathStart = out.indexOf('/', hostStart);
            int at = out.lastIndexOf('@', pathStart < 0 ? out.length() - 1 : pathStart);
            if (at >= hostStart) {
                out = out.substring(0, hostStart) + out.substring(at + 1);
            }
        }
        int query = out.indexOf('?');
        if (query < 0) {
            return out;
        }
        StringBuilder rebuilt = new StringBuilder(out.length()).append(out, 0, query + 1);
        String path = UrlParts.of(out.substring(0, query)).path();
        String[] params = out.substring(query + 1).split("&", -1);
        for (int i = 0; i < params.length; i++) {
            String p = params[i];
            int eq = p.indexOf('=');
            String rawName = eq < 0 ? p : p.substring(0, eq);
            String name = rawName.toLowerCase(Locale.ROOT);
            // A keyed parameter (Gemini's pageToken) is part of the key, so it is written: none of them is a credential.
            boolean secret = !Endpoints.isKeyedQueryParameter(path, rawName)
                    && (name.equals("key") || name.equals("sig") || name.equals("code") || isCredentialName(name));
            rebuilt.append(i > 0 ? "&" : "").append(secret && eq >= 0 ? p.substring(0, eq + 1) + REDACTED : p);
        }
        return rebuilt.toString();
    }

    /**
     * Text from outside (an upstream's bytes in an exception, a URL) as it may go into a log line or an error body:
     * control characters shown as escapes, and cut at {@value #MAX_PRINTABLE} characters.
     */
    static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_PRINTABLE) + 16);
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= MAX_PRINTABLE && !Character.isLowSurrogate(text.charAt(i))) {
                return out.append("... (").append(text.length() - i).append(" more characters)").toString();
            }
            char c = text.charAt(i);
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE && !isPaired(text, i)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isPaired(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    private static boolean isCredentialName(String lowerCaseName) {
        for (String word : CREDENTIAL_WORDS) {
            if (lowerCaseName.contains(word)) {
                return true;
            }
        }
        return false;
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

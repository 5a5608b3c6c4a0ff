// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.internal.json.PythonFloats;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The version-2 normalisation of a request body (the spec's "Normalisation"). Returns a new tree;
 * the input is never changed; {@code dropStreamOptions} is the Bedrock host rule. Patterns use Python's Unicode meaning of {@code \d} and {@code \s}.
 */
public final class BodyNormalizer {
    /** Python's {@code str.isspace()}, which its {@code re} uses for {@code \s}: note 0x1c..0x1f. */
    private static final String SPACE = "[\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]";
    private static final String DIGIT = "\\p{Nd}";
    private static final String UUID = "[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}";

    private static final Pattern SCORE = Pattern.compile(
            "score:" + SPACE + "*[-+]?" + DIGIT + "*\\.?" + DIGIT + "+(?:[eE][-+]?" + DIGIT + "+)?");
    private static final Pattern DOCUMENT_ID = Pattern.compile("document_id:" + SPACE + "*" + UUID);
    private static final Pattern CITATION = Pattern.compile("<\\|" + UUID + "\\|>");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BodyNormalizer() {
    }

    public static JsonNode normalize(JsonNode body, boolean dropStreamOptions) {
        JsonNode n = normalizeValue(body, true);
        if (dropStreamOptions && n.has("stream_options") && n.isObject()) {
            ObjectNode copy = n == body ? ((ObjectNode) n).deepCopy() : (ObjectNode) n;
            copy.remove("stream_options");
            return copy;
        }
        return n;
    }

    /**
     * {@code root}: the top-level value, or a direct element of a list (the reference treats both alike).
     * Copy on write: a subtree that normalisation leaves as it is, is returned itself, never copied.
     */
    private static JsonNode normalizeValue(JsonNode v, boolean root) {
        switch (v.getNodeType()) {
            case OBJECT: {
                ObjectNode out = null;
                int i = 0;
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); i++) {
                    Map.Entry<String, JsonNode> field = it.next();
                    JsonNode n = normalizeValue(field.getValue(), false);
                    if (n != field.getValue() && out == null) {
                        out = copyFirstFields((ObjectNode) v, i);
                    }
                    if (out != null) {
                        out.set(field.getKey(), n);
                    }
                }
                JsonNode result = out != null ? out : v;
                if (root) {
                    result = withoutProjectId(result, "extra_body");
                    result = withoutProjectId(result, "extra_query");
                }
                return result;
            }
            case ARRAY: {
                ArrayNode out = null;
                for (int i = 0; i < v.size(); i++) {
                    JsonNode n = normalizeValue(v.get(i), true);
                    if (n != v.get(i) && out == null) {
                        out = NODES.arrayNode(v.size());
                        for (int j = 0; j < i; j++) {
                            out.add(v.get(j));
                        }
                    }
                    if (out != null) {
                        out.add(n);
                    }
                }
                return out != null ? out : v;
            }
            case NUMBER:
                if (v.isIntegralNumber()) {
                    return v;
                }
                double d = v.doubleValue();
                double r = PythonFloats.round5(d);
                return Double.doubleToRawLongBits(r) == Double.doubleToRawLongBits(d) && v.isDouble() ? v : NODES.numberNode(r);
            case STRING: {
                String s = v.textValue();
                String n = normalizeString(s);
                return n == s ? v : NODES.textNode(n);
            }
            default:
                return v;
        }
    }

    private static ObjectNode copyFirstFields(ObjectNode v, int count) {
        ObjectNode out = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> it = v.fields();
        for (int j = 0; j < count; j++) {
            Map.Entry<String, JsonNode> field = it.next();
            out.set(field.getKey(), field.getValue());
        }
        return out;
    }

    /** Drops {@code object.field.project_id}, copying what it changes, never the caller's nodes. */
    private static JsonNode withoutProjectId(JsonNode object, String field) {
        JsonNode extra = object.get(field);
        if (extra == null || !extra.isObject() || !extra.has("project_id")) {
            return object;
        }
        ObjectNode copy = ((ObjectNode) object).deepCopy();
        ((ObjectNode) copy.get(field)).remove("project_id");
        return copy;
    }

    /** Returns {@code s} itself when nothing changes, so that callers can skip a copy. */
    static String normalizeString(String s) {
        String r = s;
        // Each pattern starts with a literal; a cheap test skips the regex for most strings.
        if (r.contains("score:")) {
            r = SCORE.matcher(r).replaceAll("score: __NORMALIZED__");
        }
        if (r.contains("attributes:")) {
            r = removeAttributes(r);
        }
        if (r.contains("document_id:")) {
            r = DOCUMENT_ID.matcher(r).replaceAll("document_id: __NORMALIZED__");
        }
        if (r.contains("<|")) {
            r = CITATION.matcher(r).replaceAll("<|__NORMALIZED__|>");
        }
        if (r.indexOf('.') >= 0) {
            r = replaceLongDecimals(r);
        }
        return r.equals(s) ? s : r;
    }

    /** {@code ,?\\s*attributes:\\s*\\{[^}]*\\}} removed, by hand: same leftmost matches as the regex. */
    static String removeAttributes(String s) {
        final String lit = "attributes:";
        StringBuilder out = null;
        int from = 0;
        int copied = 0;
        int idx = s.indexOf(lit, from);
        while (idx >= 0) {
            int j = idx + lit.length();
            while (j < s.length() && isSpace(s.charAt(j))) {
                j++;
            }
            int close = j < s.length() && s.charAt(j) == '{' ? s.indexOf('}', j + 1) : -1;
            if (close < 0) {
                idx = s.indexOf(lit, idx + 1);
                continue;
            }
            int p = idx;
            while (p > from && isSpace(s.charAt(p - 1))) {
                p--;
            }
            if (p > from && s.charAt(p - 1) == ',') {
                p--;
            }
            if (out == null) {
                out = new StringBuilder(s.length());
            }
            out.append(s, copied, p);
            copied = close + 1;
            from = close + 1;
            idx = s.indexOf(lit, from);
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    private static boolean isSpace(char c) {
        if (c < 0x80) {
            return c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
        }
        return c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029
                || c == 0x202f || c == 0x205f || c == 0x3000;
    }

    /** {@code -?\\d+\\.\\d{4,}} replaced, by hand: each match is anchored on its dot. */
    static String replaceLongDecimals(String s) {
        StringBuilder out = null;
        int from = 0;
        int n = s.length();
        int dot = s.indexOf('.');
        while (dot >= 0) {
            int a = dot;
            while (a > from) {
                int cp = Character.codePointBefore(s, a);
                if (!isDigit(cp)) {
                    break;
                }
                a -= Character.charCount(cp);
            }
            if (a < from) { // a surrogate pair straddling from: cannot happen (from is a match end)
                a = from;
            }
            int b = dot + 1;
            int after = 0;
            while (b < n) {
                int cp = s.codePointAt(b);
                if (!isDigit(cp)) {
                    break;
                }
                b += Character.charCount(cp);
                after++;
            }
            if (a == dot || after < 4) {
                dot = s.indexOf('.', dot + 1);
                continue;
            }
            int start = a > from && s.charAt(a - 1) == '-' ? a - 1 : a;
            if (out == null) {
                out = new StringBuilder(n + 16);
            }
            out.append(s, from, start);
            out.append(PythonFloats.format5(Double.parseDouble(asciiDigits(s.substring(start, b)))));
            from = b;
            dot = s.indexOf('.', b);
        }
        return out == null ? s : out.append(s, from, n).toString();
    }

    private static boolean isDigit(int cp) {
        if (cp < 0x80) {
            return cp >= '0' && cp <= '9';
        }
        return Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER;
    }

    /** Python's {@code float()} accepts any Unicode decimal digit; Java's parser wants ASCII. */
    private static String asciiDigits(String number) {
        StringBuilder out = new StringBuilder(number.length());
        number.codePoints().forEach(cp -> {
            if (cp == '-' || cp == '.') {
                out.append((char) cp);
            } else {
                out.append((char) ('0' + Character.digit(cp, 10)));
            }
        });
        return out.toString();
    }
}

package dev.replay4j.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.json.PythonFloats;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
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
    private static final Pattern ATTRIBUTES = Pattern.compile(",?" + SPACE + "*attributes:" + SPACE + "*\\{[^}]*\\}");
    private static final Pattern DOCUMENT_ID = Pattern.compile("document_id:" + SPACE + "*" + UUID);
    private static final Pattern CITATION = Pattern.compile("<\\|" + UUID + "\\|>");
    private static final Pattern LONG_DECIMAL = Pattern.compile("-?" + DIGIT + "+\\." + DIGIT + "{4,}");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BodyNormalizer() {
    }

    public static JsonNode normalize(JsonNode body, boolean dropStreamOptions) {
        JsonNode n = normalizeValue(body, true);
        if (dropStreamOptions && n.isObject()) {
            ((ObjectNode) n).remove("stream_options");
        }
        return n;
    }

    /** {@code root}: the top-level value, or a direct element of a list (the reference treats both alike). */
    private static JsonNode normalizeValue(JsonNode v, boolean root) {
        switch (v.getNodeType()) {
            case OBJECT: {
                ObjectNode out = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    out.set(field.getKey(), normalizeValue(field.getValue(), false));
                }
                if (root) {
                    dropProjectId(out, "extra_body");
                    dropProjectId(out, "extra_query");
                }
                return out;
            }
            case ARRAY: {
                ArrayNode out = NODES.arrayNode(v.size());
                for (JsonNode item : v) {
                    out.add(normalizeValue(item, true));
                }
                return out;
            }
            case NUMBER:
                return v.isIntegralNumber() ? v : NODES.numberNode(PythonFloats.round5(v.doubleValue()));
            case STRING: {
                String s = v.textValue();
                String n = normalizeString(s);
                return n == s ? v : NODES.textNode(n);
            }
            default:
                return v;
        }
    }

    private static void dropProjectId(ObjectNode object, String field) {
        JsonNode extra = object.get(field);
        if (extra != null && extra.isObject()) {
            ((ObjectNode) extra).remove("project_id");
        }
    }

    /** Returns {@code s} itself when nothing changes, so that callers can skip a copy. */
    static String normalizeString(String s) {
        String r = s;
        // Each pattern starts with a literal; a cheap test skips the regex for most strings.
        if (r.contains("score:")) {
            r = SCORE.matcher(r).replaceAll("score: __NORMALIZED__");
        }
        if (r.contains("attributes:")) {
            r = ATTRIBUTES.matcher(r).replaceAll("");
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

    private static String replaceLongDecimals(String s) {
        Matcher m = LONG_DECIMAL.matcher(s);
        if (!m.find()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int from = 0;
        do {
            out.append(s, from, m.start());
            out.append(PythonFloats.format5(Double.parseDouble(asciiDigits(m.group()))));
            from = m.end();
        } while (m.find());
        return out.append(s, from, s.length()).toString();
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

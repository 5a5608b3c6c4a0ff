package dev.replay4j.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a JSON tree exactly as Python's {@code json.dumps} does with its default {@code ensure_ascii}:
 * {@link #canonical} is {@code json.dumps(v, sort_keys=True)}, the text that request keys hash;
 * {@link #pretty} is {@code json.dumps(v, indent=2)}, the layout of a recording file.
 * Both outputs are pure ASCII.
 */
public final class PythonJson {
    /** Orders object keys by Unicode code point, as Python sorts its strings (not by UTF-16 unit). */
    public static final Comparator<String> CODE_POINT_ORDER = PythonJson::compareCodePoints;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonJson() {
    }

    public static String canonical(JsonNode value) {
        StringBuilder out = new StringBuilder(256);
        writeCanonical(out, value);
        return out.toString();
    }

    public static void writeCanonical(StringBuilder out, JsonNode value) {
        switch (value.getNodeType()) {
            case OBJECT:
                if (value.isEmpty()) {
                    out.append("{}");
                    return;
                }
                List<Map.Entry<String, JsonNode>> fields = sortedFields(value);
                out.append('{');
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    writeString(out, fields.get(i).getKey());
                    out.append(": ");
                    writeCanonical(out, fields.get(i).getValue());
                }
                out.append('}');
                return;
            case ARRAY:
                out.append('[');
                for (int i = 0; i < value.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    writeCanonical(out, value.get(i));
                }
                out.append(']');
                return;
            default:
                writeScalar(out, value);
        }
    }

    /** {@code json.dumps(v, indent=2)}: keys in insertion order, without the trailing newline. */
    public static String pretty(JsonNode value) {
        StringBuilder out = new StringBuilder(4096);
        writePretty(out, value, 0);
        return out.toString();
    }

    private static void writePretty(StringBuilder out, JsonNode value, int depth) {
        switch (value.getNodeType()) {
            case OBJECT: {
                if (value.isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append('{');
                boolean first = true;
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    out.append(first ? "" : ",");
                    first = false;
                    newline(out, depth + 1);
                    writeString(out, field.getKey());
                    out.append(": ");
                    writePretty(out, field.getValue(), depth + 1);
                }
                newline(out, depth);
                out.append('}');
                return;
            }
            case ARRAY: {
                if (value.isEmpty()) {
                    out.append("[]");
                    return;
                }
                out.append('[');
                for (int i = 0; i < value.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    newline(out, depth + 1);
                    writePretty(out, value.get(i), depth + 1);
                }
                newline(out, depth);
                out.append(']');
                return;
            }
            default:
                writeScalar(out, value);
        }
    }

    private static void newline(StringBuilder out, int depth) {
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private static void writeScalar(StringBuilder out, JsonNode value) {
        switch (value.getNodeType()) {
            case STRING:
                writeString(out, value.textValue());
                return;
            case NUMBER:
                if (value.isIntegralNumber()) {
                    out.append(value.isBigInteger() ? value.bigIntegerValue().toString() : Long.toString(value.longValue()));
                } else {
                    PythonFloats.appendRepr(out, value.doubleValue());
                }
                return;
            case BOOLEAN:
                out.append(value.booleanValue() ? "true" : "false");
                return;
            case NULL:
            case MISSING:
                out.append("null");
                return;
            default:
                throw new IllegalArgumentException("not a JSON value: " + value.getNodeType());
        }
    }

    /** A JSON string literal with every character outside printable ASCII escaped, as {@code ensure_ascii} does. */
    public static void writeString(StringBuilder out, String s) {
        out.append('"');
        int n = s.length();
        int plainFrom = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c <= 0x7e && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, plainFrom, i);
            plainFrom = i + 1;
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                            .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            }
        }
        out.append(s, plainFrom, n);
        out.append('"');
    }

    private static List<Map.Entry<String, JsonNode>> sortedFields(JsonNode object) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.size());
        object.fields().forEachRemaining(fields::add);
        if (fields.size() > 1) {
            fields.sort(Map.Entry.comparingByKey(CODE_POINT_ORDER));
        }
        return fields;
    }

    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i == n) {
            return a.length() - b.length();
        }
        char ca = a.charAt(i);
        char cb = b.charAt(i);
        if (ca < Character.MIN_SURROGATE || cb < Character.MIN_SURROGATE) {
            return ca - cb;
        }
        // Both units are surrogates or above: compare the whole code points that contain them.
        int start = i > 0 && Character.isLowSurrogate(ca) && Character.isHighSurrogate(a.charAt(i - 1)) ? i - 1 : i;
        return Integer.compare(a.codePointAt(start), b.codePointAt(start));
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
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
        AsciiSink.Text out = AsciiSink.text(256);
        writeCanonical(out, value);
        return out.toString();
    }

    /**
     * The first {@code maxChars} chars of {@link #canonical(JsonNode)}, written no further: a huge value costs no
     * more than its beginning (a base64 image of 30 MB, shown in an explanation).
     */
    public static String canonical(JsonNode value, int maxChars) {
        AsciiSink.Text out = AsciiSink.limited(maxChars);
        try {
            writeCanonical(out, value);
        } catch (AsciiSink.Full enough) {
            // the text is as long as it may be
        }
        return out.toString();
    }

    /** {@code json.dumps(v, sort_keys=True)} into {@code out}: the text request keys hash. */
    public static void writeCanonical(AsciiSink out, JsonNode value) {
        write(out, value, true, -1, 0);
    }

    /** {@code json.dumps(v)} with Python's defaults: keys in insertion order, {@code ", "} and {@code ": "}. */
    public static String dumps(JsonNode value) {
        AsciiSink.Text out = AsciiSink.text(256);
        write(out, value, false, -1, 0);
        return out.toString();
    }

    /** {@code json.dumps(v, indent=2)}: keys in insertion order, without the trailing newline. */
    public static String pretty(JsonNode value) {
        AsciiSink.Text out = AsciiSink.text(4096);
        writePretty(out, value);
        return out.toString();
    }

    /** {@link #pretty} into {@code out}. */
    public static void writePretty(AsciiSink out, JsonNode value) {
        write(out, value, false, 2, 0);
    }

    /**
     * Python's encoder: with {@code indent < 0} items are separated by {@code ", "} on one line; otherwise
     * each item goes on its own line, indented, after a bare {@code ","}, and empty containers stay {@code []}/{@code {}}.
     */
    private static void write(AsciiSink out, JsonNode value, boolean sortKeys, int indent, int depth) {
        switch (value.getNodeType()) {
            case OBJECT: {
                if (value.isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> field : sortKeys ? sortedFields(value) : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
                    separate(out, first, indent, depth + 1);
                    first = false;
                    writeString(out, field.getKey());
                    out.append(": ");
                    write(out, field.getValue(), sortKeys, indent, depth + 1);
                }
                close(out, indent, depth);
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
                    separate(out, i == 0, indent, depth + 1);
                    write(out, value.get(i), sortKeys, indent, depth + 1);
                }
                close(out, indent, depth);
                out.append(']');
                return;
            }
            default:
                writeScalar(out, value);
        }
    }

    private static void separate(AsciiSink out, boolean first, int indent, int depth) {
        if (indent < 0) {
            if (!first) {
                out.append(", ");
            }
            return;
        }
        if (!first) {
            out.append(',');
        }
        newline(out, indent, depth);
    }

    private static void close(AsciiSink out, int indent, int depth) {
        if (indent >= 0) {
            newline(out, indent, depth);
        }
    }

    private static void newline(AsciiSink out, int indent, int depth) {
        out.append('\n');
        for (int i = 0; i < indent * depth; i++) {
            out.append(' ');
        }
    }

    private static void writeScalar(AsciiSink out, JsonNode value) {
        switch (value.getNodeType()) {
            case STRING:
                writeString(out, value.textValue());
                return;
            case NUMBER:
                if (value.isIntegralNumber()) {
                    out.append(value.isBigInteger() ? value.bigIntegerValue().toString() : Long.toString(value.longValue()));
                } else {
                    out.append(PythonFloats.repr(value.doubleValue()));
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

    /** {@link #writeString(AsciiSink, String)}, appended to a {@code StringBuilder}. */
    public static void writeString(StringBuilder out, String s) {
        AsciiSink.Text text = AsciiSink.text(s.length() + 2);
        writeString(text, s);
        out.append(text);
    }

    /** A JSON string literal with every character outside printable ASCII escaped, as {@code ensure_ascii} does. */
    public static void writeString(AsciiSink out, String s) {
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

package dev.replay4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.json.PythonJson;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Python's {@code json.dumps(v)} with its defaults: keys in insertion order (not sorted), separators
 * {@code ", "} and {@code ": "}, {@code ensure_ascii}. These are the bytes that the Python reference
 * benchmark feeds to {@code json.loads}, so the Java benchmark parses the very same input.
 */
final class PythonDumps {
    private PythonDumps() {
    }

    static byte[] dumps(JsonNode value) {
        StringBuilder out = new StringBuilder(1024);
        write(out, value);
        // ensure_ascii: the text is pure ASCII, so its UTF-8 is its ISO-8859-1.
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void write(StringBuilder out, JsonNode value) {
        switch (value.getNodeType()) {
            case OBJECT: {
                out.append('{');
                boolean first = true;
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    PythonJson.writeString(out, field.getKey());
                    out.append(": ");
                    write(out, field.getValue());
                }
                out.append('}');
                return;
            }
            case ARRAY: {
                out.append('[');
                for (int i = 0; i < value.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    write(out, value.get(i));
                }
                out.append(']');
                return;
            }
            default:
                // A scalar prints the same sorted or not: the canonical writer is Python's repr for it.
                out.append(PythonJson.canonical(value));
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.internal.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code multipart/form-data} body (RFC 7578) as the JSON its key is computed from: each field by its name, a text
 * field as its value, a file as its {@code filename}, {@code content_type}, {@code size} and {@code sha256}; a name sent
 * more than once as the list of its values in the order sent. Nothing of the boundary, nor the parts' order between
 * names, reaches it, so the same form sent by another run (another random boundary) has the same key.
 */
public final class MultipartForm {
    private static final byte[] CRLF = {'\r', '\n'};

    private MultipartForm() {
    }

    /** True for a content type that declares a multipart body. */
    public static boolean isMultipart(String contentType) {
        return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /** The boundary a multipart content type declares, or {@code null}. */
    public static String boundaryOf(String contentType) {
        Map<String, String> params = parameters(contentType, 1);
        return params.get("boundary");
    }

    /**
     * The form's fields, by name.
     *
     * @throws BodyFormatException naming what is wrong: no boundary, no opening or closing delimiter, a part without
     *                             headers' end or without a name
     */
    public static ObjectNode parse(byte[] body, String boundary) throws BodyFormatException {
        if (boundary == null || boundary.isEmpty()) {
            throw new BodyFormatException("the body is declared multipart, but its Content-Type names no boundary"
                    + " (multipart/form-data; boundary=...)");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = startsWith(body, 0, delimiter) ? 0 : indexOf(body, nextDelimiter, 0);
        if (pos < 0) {
            throw new BodyFormatException("the multipart body does not start with its boundary (--" + boundary + ")");
        }
        pos += pos == 0 && startsWith(body, 0, delimiter) ? delimiter.length : nextDelimiter.length;
        Map<String, List<JsonNode>> fields = new LinkedHashMap<>();
        int part = 0;
        while (true) {
            if (startsWith(body, pos, new byte[] {'-', '-'})) {
                break; // the closing delimiter: what follows is the epilogue
            }
            int lineEnd = indexOf(body, CRLF, pos);
            if (lineEnd < 0) {
                throw truncated(boundary, part);
            }
            part++;
            int headersEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, lineEnd);
            Map<String, String> headers = new LinkedHashMap<>();
            int contentStart;
            if (headersEnd == lineEnd) {
                contentStart = lineEnd + 4; // a part without headers
            } else {
                if (headersEnd < 0) {
                    throw truncated(boundary, part);
                }
                for (String line : new String(body, lineEnd + 2, headersEnd - lineEnd - 2, StandardCharsets.UTF_8).split("\r\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                    }
                }
                contentStart = headersEnd + 4;
            }
            int contentEnd = indexOf(body, nextDelimiter, contentStart);
            if (contentEnd < 0) {
                throw truncated(boundary, part);
            }
            Map<String, String> disposition = parameters(headers.get("content-disposition"), 1);
            String name = disposition.get("name");
            if (name == null) {
                throw new BodyFormatException("part " + part + " of the multipart body has no name (it needs"
                        + " Content-Disposition: form-data; name=\"...\"), so replay4j cannot key it");
            }
            byte[] content = java.util.Arrays.copyOfRange(body, contentStart, contentEnd);
            fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value(content, disposition, headers.get("content-type")));
            pos = contentEnd + nextDelimiter.length;
        }
        ObjectNode form = Json.object();
        fields.forEach((name, values) -> {
            if (values.size() == 1) {
                form.set(name, values.get(0));
            } else {
                ArrayNode list = form.putArray(name);
                values.forEach(list::add);
            }
        });
        return form;
    }

    private static BodyFormatException truncated(String boundary, int part) {
        return new BodyFormatException("the multipart body ends inside part " + Math.max(part, 1) + ", before its closing"
                + " boundary (--" + boundary + "--): it was cut short, or its boundary is not the one its Content-Type names");
    }

    /** A file (a part with a filename, or bytes that are not text) by its description; a text field by its value. */
    private static JsonNode value(byte[] content, Map<String, String> disposition, String contentType) {
        String filename = disposition.get("filename");
        String text = filename == null ? utf8(content) : null;
        if (text != null) {
            return Json.nodes().textNode(text);
        }
        ObjectNode file = Json.object();
        file.put("filename", filename);
        file.put("content_type", contentType);
        file.put("size", content.length);
        file.put("sha256", Sha256.hex(content));
        return file;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The {@code name=value} parameters after the first {@code skip} {@code ;}-separated items, names in lower case. */
    static Map<String, String> parameters(String header, int skip) {
        Map<String, String> out = new LinkedHashMap<>();
        if (header == null) {
            return out;
        }
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < header.length()) {
                item.append(c).append(header.charAt(++i));
                continue;
            } else if (c == ';' && !quoted) {
                items.add(item.toString());
                item.setLength(0);
                continue;
            }
            item.append(c);
        }
        items.add(item.toString());
        for (int i = skip; i < items.size(); i++) {
            String p = items.get(i).trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
            }
            out.putIfAbsent(name, value);
        }
        return out;
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        if (at + prefix.length > body.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, byte[] target, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= body.length - target.length; i++) {
            for (int j = 0; j < target.length; j++) {
                if (body[i + j] != target[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

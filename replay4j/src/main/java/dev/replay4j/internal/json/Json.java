// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Reads JSON as Python's {@code json.loads} does: any value at the top, {@code NaN} and
 * {@code Infinity} accepted, integers of any size kept exact, a repeated key keeping its last value,
 * nothing allowed after the value.
 *
 * <p>Trees are read and written with jackson-core's streaming parser and generator, not an
 * {@code ObjectMapper}: the mapper's first use loads about 400 classes (150 ms on a cold JVM, most of
 * {@code serve}'s time to its first answer), and a tree needs none of them.
 */
public final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // Recordings and request bodies can be large; Python sets no such limits but its own int
            // digit limit (4300), which the number length follows.
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(4300)
                    .maxNestingDepth(2000)
                    .maxDocumentLength(-1)
                    .build())
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(2000).build()) // what it reads, it writes
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    public static JsonNodeFactory nodes() {
        return JsonNodeFactory.instance;
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * Parses one JSON text in UTF-8; an empty or blank text is an error. Like Python reading a file as
     * UTF-8, it refuses a byte order mark and UTF-16/32 text, which Jackson would otherwise guess at.
     */
    public static JsonNode parse(byte[] utf8) throws JsonFormatException {
        return parse(utf8, NO_SKIP);
    }

    /**
     * {@link #parse(byte[])}, with the value at {@code skipPath} (object field names from the top) left out, read
     * past without being built: {@code null} stands in for it. A replay needs a recording's answer, not its request
     * body, which for a vision request is a 30 MB image.
     */
    public static JsonNode parse(byte[] utf8, String... skipPath) throws JsonFormatException {
        return parse(utf8, Integer.MAX_VALUE, skipPath);
    }

    /**
     * {@link #parse(byte[], String...)} with every string cut to its first {@code maxString} chars: for a comparison
     * that shows no more of a value than that, of a recording whose strings may be 30 MB images.
     */
    public static JsonNode parse(byte[] utf8, int maxString, String... skipPath) throws JsonFormatException {
        checkUtf8Start(utf8);
        try (JsonParser p = FACTORY.createParser(utf8)) {
            return whole(p, new Reader(p, utf8.length >= LARGE ? utf8 : null, skipPath, maxString));
        } catch (JsonProcessingException e) {
            throw new JsonFormatException(e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            throw new JsonFormatException(e.getMessage());
        }
    }

    /**
     * The named fields of a JSON object text, with strings cut to {@code maxString} chars; the parse stops once it has
     * them all, so what follows them is neither built nor checked (a name repeated after that is not seen, where a
     * whole parse keeps its last value). For reading a recording's request without its answer, which is most of its
     * bytes. A text that is not an object gives an empty object.
     */
    public static ObjectNode parseFields(byte[] utf8, int maxString, Set<String> names) throws JsonFormatException {
        checkUtf8Start(utf8);
        ObjectNode out = NODES.objectNode();
        try (JsonParser p = FACTORY.createParser(utf8)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return out;
            }
            Reader reader = new Reader(p, utf8.length >= LARGE ? utf8 : null, NO_SKIP, maxString);
            for (String name = p.nextFieldName(); name != null && out.size() < names.size(); name = p.nextFieldName()) {
                JsonToken value = p.nextToken();
                if (names.contains(name)) {
                    out.set(name, reader.value(value, -1));
                } else {
                    p.skipChildren();
                }
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new JsonFormatException(e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            throw new JsonFormatException(e.getMessage());
        }
    }

    public static JsonNode parse(String text) throws JsonFormatException {
        try (JsonParser p = FACTORY.createParser(text)) {
            return whole(p, new Reader(p, null, NO_SKIP, Integer.MAX_VALUE));
        } catch (JsonProcessingException e) {
            throw new JsonFormatException(e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            throw new JsonFormatException(e.getMessage());
        }
    }

    /** One value and nothing after it. */
    private static JsonNode whole(JsonParser p, Reader reader) throws IOException, JsonFormatException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new JsonFormatException("no JSON value (the text is empty)");
        }
        JsonNode value = reader.value(first, 0);
        JsonToken after = p.nextToken();
        if (after != null) {
            String what = after.asString() != null ? "'" + after.asString() + "'" : "value (" + after + ")";
            throw new JsonFormatException("unexpected " + what + " after the JSON value" + location(p.currentTokenLocation()));
        }
        return value;
    }

    private static final String[] NO_SKIP = {};
    /** From this size on, a text's plain strings are taken from its bytes (see {@link Reader#plainString}). */
    static final int LARGE = 64 * 1024;

    /** Builds the tree of one parser's tokens. */
    private static final class Reader {
        private final JsonParser p;
        /** The text's bytes, when its plain strings are taken from them; else {@code null}. */
        private final byte[] source;
        private final String[] skip;
        private final int maxString;

        Reader(JsonParser p, byte[] source, String[] skip, int maxString) {
            this.p = p;
            this.source = source;
            this.skip = skip;
            this.maxString = maxString;
        }

        /** @param matched how many names of the skip path lead here ({@code -1}: none, or not on it) */
        JsonNode value(JsonToken token, int matched) throws IOException {
            switch (token) {
                case START_OBJECT: {
                    ObjectNode object = NODES.objectNode();
                    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                        JsonToken next = p.nextToken();
                        int m = matched >= 0 && matched < skip.length && name.equals(skip[matched]) ? matched + 1 : -1;
                        if (m == skip.length && m > 0) {
                            p.skipChildren(); // a string is skipped by the next token, unread
                            object.set(name, NODES.nullNode());
                            continue;
                        }
                        object.set(name, value(next, m)); // a repeated name keeps its place and takes the last value
                    }
                    return object;
                }
                case START_ARRAY: {
                    ArrayNode array = NODES.arrayNode();
                    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                        array.add(value(t, -1));
                    }
                    return array;
                }
                case VALUE_STRING: {
                    String text = source != null ? plainString() : null;
                    if (text == null) {
                        text = p.getText();
                    }
                    return NODES.textNode(text.length() > maxString ? text.substring(0, maxString) : text);
                }
                default:
                    return scalar(p, token);
            }
        }

        /**
         * The current string when its bytes are printable ASCII without a backslash (a base64 image, say): then its
         * value is those bytes, made into a {@code String} at once (one byte per char, one copy). Jackson would
         * first gather it as {@code char[]} segments, then copy those into a {@code StringBuilder}, then that into
         * the {@code String}: four times the string's size at once. {@code null} for any other string, which
         * Jackson reads. Left unread, the token is skipped by the parser's next step.
         */
        private String plainString() {
            long at = p.currentTokenLocation().getByteOffset();
            if (at < 0 || at >= source.length || source[(int) at] != '"') {
                return null;
            }
            int start = (int) at + 1;
            for (int i = start; i < source.length; i++) {
                byte b = source[i];
                if (b == '"') {
                    return new String(source, start, Math.min(i - start, maxString), StandardCharsets.ISO_8859_1);
                }
                if (b < 0x20 || b > 0x7e || b == '\\') { // bytes are signed: non-ASCII is negative
                    return null;
                }
            }
            return null;
        }
    }

    private static JsonNode scalar(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new JsonParseException(p, "unexpected " + token);
        }
    }

    /**
     * The compact JSON text of a tree, exactly as {@link JsonNode#toString()} writes it, without
     * loading an {@code ObjectMapper}.
     */
    public static String write(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * The bytes of {@link #write(JsonNode)} in UTF-8, exactly as {@code write(node).getBytes(UTF_8)} gives them (a
     * lone surrogate becomes {@code ?}; Jackson's own UTF-8 writer would escape every surrogate instead), without
     * the text as a {@code String} on the way.
     */
    public static byte[] writeBytes(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT:
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    g.writeFieldName(field.getKey());
                    write(g, field.getValue());
                }
                g.writeEndObject();
                break;
            case ARRAY:
                g.writeStartArray();
                for (JsonNode element : node) {
                    write(g, element);
                }
                g.writeEndArray();
                break;
            case STRING:
                g.writeString(node.textValue());
                break;
            case NUMBER:
                switch (node.numberType()) {
                    case INT:
                        g.writeNumber(node.intValue());
                        break;
                    case LONG:
                        g.writeNumber(node.longValue());
                        break;
                    case BIG_INTEGER:
                        g.writeNumber(node.bigIntegerValue());
                        break;
                    case FLOAT:
                        g.writeNumber(node.floatValue());
                        break;
                    case BIG_DECIMAL:
                        g.writeNumber(node.decimalValue());
                        break;
                    default:
                        g.writeNumber(node.doubleValue());
                        break;
                }
                break;
            case BOOLEAN:
                g.writeBoolean(node.booleanValue());
                break;
            case NULL:
                g.writeNull();
                break;
            default:
                g.writeRawValue(node.toString()); // binary or POJO nodes: never made by this library
                break;
        }
    }

    public static JsonNode parse(InputStream in) throws IOException, JsonFormatException {
        return parse(in.readAllBytes());
    }

    private static void checkUtf8Start(byte[] b) throws JsonFormatException {
        if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            throw new JsonFormatException("the text starts with a UTF-8 byte order mark, which JSON does not allow");
        }
        if (b.length >= 2 && ((b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff || (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe)) {
            throw new JsonFormatException("the text is UTF-16 (it starts with a byte order mark); JSON here must be UTF-8");
        }
        for (int i = 0; i < Math.min(4, b.length); i++) {
            if (b[i] == 0) {
                throw new JsonFormatException("the text holds a NUL byte at offset " + i + " (UTF-16 or UTF-32?); JSON here must be UTF-8");
            }
        }
    }

    private static String location(JsonProcessingException e) {
        return location(e.getLocation());
    }

    private static String location(JsonLocation where) {
        if (where == null || where.getLineNr() < 0) {
            return "";
        }
        return " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
    }
}

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
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

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
        checkUtf8Start(utf8);
        try (JsonParser p = FACTORY.createParser(utf8)) {
            return whole(p);
        } catch (JsonProcessingException e) {
            throw new JsonFormatException(e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            throw new JsonFormatException(e.getMessage());
        }
    }

    public static JsonNode parse(String text) throws JsonFormatException {
        try (JsonParser p = FACTORY.createParser(text)) {
            return whole(p);
        } catch (JsonProcessingException e) {
            throw new JsonFormatException(e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            throw new JsonFormatException(e.getMessage());
        }
    }

    /** One value and nothing after it. */
    private static JsonNode whole(JsonParser p) throws IOException, JsonFormatException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new JsonFormatException("no JSON value (the text is empty)");
        }
        JsonNode value = value(p, first);
        JsonToken after = p.nextToken();
        if (after != null) {
            String what = after.asString() != null ? "'" + after.asString() + "'" : "value (" + after + ")";
            throw new JsonFormatException("unexpected " + what + " after the JSON value" + location(p.currentTokenLocation()));
        }
        return value;
    }

    private static JsonNode value(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    object.set(name, value(p, p.nextToken())); // a repeated name keeps its place and takes the last value
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    array.add(value(p, t));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
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

package dev.replay4j.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads JSON as Python's {@code json.loads} does: any value at the top, {@code NaN} and
 * {@code Infinity} accepted, integers of any size kept exact, a repeated key keeping its last value,
 * nothing allowed after the value.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    static {
        // Recordings and request bodies can be large; Python sets no such limits but its own int
        // digit limit (4300), which the number length follows.
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(Integer.MAX_VALUE)
                .maxNumberLength(4300)
                .maxNestingDepth(2000)
                .maxDocumentLength(-1)
                .build());
    }

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
        try {
            return present(MAPPER.readTree(utf8));
        } catch (JsonProcessingException e) {
            throw new JsonFormatException(e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            throw new JsonFormatException(e.getMessage());
        }
    }

    public static JsonNode parse(String text) throws JsonFormatException {
        try {
            return present(MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
            throw new JsonFormatException(e.getOriginalMessage() + location(e));
        }
    }

    private static JsonNode present(JsonNode node) throws JsonFormatException {
        if (node == null || node.isMissingNode()) {
            throw new JsonFormatException("no JSON value (the text is empty)");
        }
        return node;
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
        if (e.getLocation() == null || e.getLocation().getLineNr() < 0) {
            return "";
        }
        return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.JsonFormatException;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * One message of an AWS event stream ({@code application/vnd.amazon.eventstream}, Bedrock's streaming answers):
 * a prelude (total length, headers length, CRC32 of those eight bytes), typed headers, a payload, and the CRC32 of
 * all before it. A recording holds each frame as JSON, readable: {@code {"headers": {...}, "payload": <JSON>}}, the
 * payload decoded where it is JSON, else {@code "payload_base64"}; string headers as strings, others as
 * {@code {"type": ..., "value": ...}}. Replay encodes the frames again, with their lengths and CRCs computed anew.
 */
public record EventFrame(Map<String, Header> headers, byte[] payload) {
    /** The largest frame the format allows (16 MiB); a larger length is a broken stream, not a reason to allocate. */
    public static final int MAX_LENGTH = 16 * 1024 * 1024;
    private static final int PRELUDE = 12;
    private static final String[] TYPE_NAMES = {"true", "false", "byte", "short", "int", "long", "bytes", "string",
            "timestamp", "uuid"};
    private static final int STRING = 7;

    /** A header's wire type (0..9, as the format numbers them) and value (Boolean, Long, byte[] or String). */
    public record Header(int type, Object value) {
    }

    /** A stream whose bytes are no valid frame: a bad length or CRC, or cut off mid-frame. */
    public static final class FormatException extends IOException {
        FormatException(String message) {
            super(message);
        }
    }

    /** The value of a string header, such as {@code :event-type}, or {@code null}. */
    public String header(String name) {
        Header h = headers.get(name);
        return h != null && h.value() instanceof String s ? s : null;
    }

    /** The next frame of a stream, or {@code null} at its end (between frames). */
    public static EventFrame read(InputStream in) throws IOException {
        byte[] prelude = new byte[PRELUDE];
        int n = in.readNBytes(prelude, 0, PRELUDE);
        if (n == 0) {
            return null;
        }
        if (n < PRELUDE) {
            throw new FormatException("the event stream ends inside a frame's prelude (" + n + " of 12 bytes)");
        }
        ByteBuffer p = ByteBuffer.wrap(prelude);
        long total = Integer.toUnsignedLong(p.getInt(0));
        long headersLength = Integer.toUnsignedLong(p.getInt(4));
        if (crc(prelude, 0, 8) != Integer.toUnsignedLong(p.getInt(8))) {
            throw new FormatException("prelude checksum failure: not an AWS event stream, or a damaged one");
        }
        if (total < PRELUDE + 4 || total > MAX_LENGTH || headersLength > total - PRELUDE - 4) {
            throw new FormatException("a frame of " + total + " bytes with " + headersLength + " bytes of headers is not valid");
        }
        byte[] frame = new byte[(int) total];
        System.arraycopy(prelude, 0, frame, 0, PRELUDE);
        int rest = in.readNBytes(frame, PRELUDE, frame.length - PRELUDE);
        if (rest < frame.length - PRELUDE) {
            throw new FormatException("the event stream ends inside a frame (" + (PRELUDE + rest) + " of " + total + " bytes)");
        }
        long messageCrc = Integer.toUnsignedLong(ByteBuffer.wrap(frame).getInt(frame.length - 4));
        if (crc(frame, 0, frame.length - 4) != messageCrc) {
            throw new FormatException("message checksum failure in a frame of " + total + " bytes");
        }
        Map<String, Header> headers = readHeaders(frame, PRELUDE, PRELUDE + (int) headersLength);
        byte[] payload = new byte[frame.length - PRELUDE - (int) headersLength - 4];
        System.arraycopy(frame, PRELUDE + (int) headersLength, payload, 0, payload.length);
        return new EventFrame(headers, payload);
    }

    private static Map<String, Header> readHeaders(byte[] frame, int from, int to) throws FormatException {
        Map<String, Header> out = new LinkedHashMap<>();
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(frame, from, to - from));
            while (in.available() > 0) {
                byte[] name = new byte[in.readUnsignedByte()];
                in.readFully(name);
                int type = in.readUnsignedByte();
                Object value;
                switch (type) {
                    case 0: value = Boolean.TRUE; break;
                    case 1: value = Boolean.FALSE; break;
                    case 2: value = (long) in.readByte(); break;
                    case 3: value = (long) in.readShort(); break;
                    case 4: value = (long) in.readInt(); break;
                    case 5: case 8: value = in.readLong(); break;
                    case 6: case 7: {
                        byte[] v = new byte[in.readUnsignedShort()];
                        in.readFully(v);
                        value = type == STRING ? new String(v, StandardCharsets.UTF_8) : v;
                        break;
                    }
                    case 9: {
                        byte[] v = new byte[16];
                        in.readFully(v);
                        value = v;
                        break;
                    }
                    default:
                        throw new FormatException("a frame header of unknown type " + type);
                }
                out.put(new String(name, StandardCharsets.UTF_8), new Header(type, value));
            }
        } catch (EOFException e) {
            throw new FormatException("a frame's headers end in the middle of a header");
        } catch (IOException e) {
            throw new FormatException("a frame's headers cannot be read: " + e.getMessage());
        }
        return out;
    }

    /** The frame's bytes: prelude, headers, payload, with both CRCs. */
    public byte[] encode() {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        headers.forEach((name, header) -> writeHeader(h, name, header));
        byte[] hb = h.toByteArray();
        int total = PRELUDE + hb.length + payload.length + 4;
        ByteBuffer out = ByteBuffer.allocate(total);
        out.putInt(total).putInt(hb.length);
        out.putInt((int) crc(out.array(), 0, 8));
        out.put(hb).put(payload);
        out.putInt((int) crc(out.array(), 0, total - 4));
        return out.array();
    }

    private static void writeHeader(ByteArrayOutputStream out, String name, Header header) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        out.write(n.length);
        out.writeBytes(n);
        out.write(header.type());
        ByteBuffer b;
        switch (header.type()) {
            case 0: case 1: return;
            case 2: out.write(((Long) header.value()).intValue()); return;
            case 3: b = ByteBuffer.allocate(2).putShort(((Long) header.value()).shortValue()); break;
            case 4: b = ByteBuffer.allocate(4).putInt(((Long) header.value()).intValue()); break;
            case 5: case 8: b = ByteBuffer.allocate(8).putLong((Long) header.value()); break;
            case 9: out.writeBytes((byte[]) header.value()); return;
            default: {
                byte[] v = header.value() instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) header.value();
                b = ByteBuffer.allocate(2 + v.length).putShort((short) v.length).put(v);
            }
        }
        out.writeBytes(b.array());
    }

    /** The stored form. */
    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        ObjectNode h = out.putObject("headers");
        headers.forEach((name, header) -> {
            if (header.type() == STRING) {
                h.put(name, (String) header.value());
                return;
            }
            ObjectNode typed = h.putObject(name);
            typed.put("type", TYPE_NAMES[header.type()]);
            Object v = header.value();
            if (v instanceof Long l) {
                typed.put("value", l);
            } else if (v instanceof byte[] bytes) {
                typed.put("value", Base64.getEncoder().encodeToString(bytes));
            } else {
                typed.put("value", (Boolean) v);
            }
        });
        JsonNode json = jsonPayload();
        if (json != null) {
            out.set("payload", json);
        } else {
            out.put("payload_base64", Base64.getEncoder().encodeToString(payload));
        }
        return out;
    }

    private JsonNode jsonPayload() {
        String type = header(":content-type");
        if (payload.length == 0 || type != null && !type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            return null;
        }
        try {
            JsonNode parsed = Json.parse(payload);
            return parsed.isContainerNode() ? parsed : null;
        } catch (JsonFormatException e) {
            return null;
        }
    }

    /** A frame from its stored form. */
    public static EventFrame fromJson(JsonNode stored) {
        Map<String, Header> headers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = stored.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                headers.put(e.getKey(), new Header(STRING, v.textValue()));
                continue;
            }
            int type = java.util.Arrays.asList(TYPE_NAMES).indexOf(v.path("type").asText());
            if (type < 0) {
                throw new IllegalArgumentException("event-stream header " + e.getKey() + " has no known type: " + v);
            }
            JsonNode value = v.get("value");
            Object o = switch (type) {
                case 0 -> Boolean.TRUE;
                case 1 -> Boolean.FALSE;
                case 6, 9 -> Base64.getDecoder().decode(value.asText());
                default -> value.asLong();
            };
            headers.put(e.getKey(), new Header(type, o));
        }
        byte[] payload = stored.has("payload") ? Json.writeBytes(stored.get("payload"))
                : Base64.getDecoder().decode(stored.path("payload_base64").asText(""));
        return new EventFrame(headers, payload);
    }

    private static long crc(byte[] bytes, int from, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, from, length);
        return crc.getValue();
    }
}

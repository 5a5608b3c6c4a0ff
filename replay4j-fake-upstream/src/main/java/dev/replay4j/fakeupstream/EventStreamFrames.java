// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * AWS event-stream messages as Bedrock sends them: a 12-byte prelude (total length, headers length, the CRC32 of
 * those eight bytes), string headers ({@code :event-type}, {@code :content-type}, {@code :message-type}), the
 * payload, and the CRC32 of everything before it.
 */
final class EventStreamFrames {
    private static final byte STRING = 7;

    private EventStreamFrames() {
    }

    static byte[] event(String eventType, String jsonPayload) {
        return frame(Map.of(":event-type", eventType, ":content-type", "application/json", ":message-type", "event"),
                jsonPayload.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] frame(Map<String, String> headers, byte[] payload) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        // Bedrock's order: the event type first, then the content type, then the message type.
        for (String name : new String[] {":event-type", ":content-type", ":message-type"}) {
            String value = headers.get(name);
            if (value == null) {
                continue;
            }
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            h.write(n.length);
            h.writeBytes(n);
            h.write(STRING);
            h.write(v.length >> 8);
            h.write(v.length & 0xff);
            h.writeBytes(v);
        }
        byte[] hb = h.toByteArray();
        int total = 12 + hb.length + payload.length + 4;
        ByteBuffer out = ByteBuffer.allocate(total);
        out.putInt(total).putInt(hb.length);
        out.putInt((int) crc(out.array(), 8));
        out.put(hb).put(payload);
        out.putInt((int) crc(out.array(), total - 4));
        return out.array();
    }

    private static long crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }
}

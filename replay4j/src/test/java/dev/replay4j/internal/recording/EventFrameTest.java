// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.replay4j.internal.json.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AWS event-stream frames: read, stored as readable JSON, and encoded back with valid CRCs. */
class EventFrameTest {
    private static EventFrame frame() {
        Map<String, EventFrame.Header> headers = new LinkedHashMap<>();
        headers.put(":event-type", new EventFrame.Header(7, "contentBlockDelta"));
        headers.put(":content-type", new EventFrame.Header(7, "application/json"));
        headers.put(":message-type", new EventFrame.Header(7, "event"));
        headers.put("count", new EventFrame.Header(4, 42L));
        headers.put("flag", new EventFrame.Header(0, Boolean.TRUE));
        headers.put("id", new EventFrame.Header(9, new byte[16]));
        return new EventFrame(headers, "{\"delta\":{\"text\":\"Hi\"},\"p\":\"abcd\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_frame_survives_its_stored_json_byte_for_byte() throws Exception {
        byte[] bytes = frame().encode();
        EventFrame read = EventFrame.read(new ByteArrayInputStream(bytes));
        String stored = Json.write(read.toJson());
        assertThat(stored).contains("\"payload\":{\"delta\":{\"text\":\"Hi\"}").contains("\":event-type\":\"contentBlockDelta\"")
                .contains("\"count\":{\"type\":\"int\",\"value\":42}");
        assertThat(EventFrame.fromJson(Json.parse(stored)).encode()).isEqualTo(bytes);
    }

    @Test
    void a_payload_that_is_not_json_is_stored_as_base64() throws Exception {
        EventFrame binary = new EventFrame(Map.of(":content-type", new EventFrame.Header(7, "application/octet-stream")), new byte[] {1, 2, 3});
        assertThat(binary.toJson().get("payload_base64").textValue()).isEqualTo("AQID");
        assertThat(EventFrame.fromJson(binary.toJson()).encode()).isEqualTo(binary.encode());
    }

    @Test
    void a_damaged_frame_is_refused_by_its_checksums() {
        byte[] bytes = frame().encode();
        bytes[bytes.length - 10] ^= 1;
        assertThatThrownBy(() -> EventFrame.read(new ByteArrayInputStream(bytes))).hasMessageContaining("message checksum failure");
        byte[] prelude = frame().encode();
        prelude[2] ^= 1;
        assertThatThrownBy(() -> EventFrame.read(new ByteArrayInputStream(prelude))).hasMessageContaining("prelude checksum failure");
        byte[] cut = java.util.Arrays.copyOf(frame().encode(), 30);
        assertThatThrownBy(() -> EventFrame.read(new ByteArrayInputStream(cut))).hasMessageContaining("ends inside a frame");
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ways large texts are read and written without holding several copies: plain strings taken from the bytes,
 * a subtree read past, strings cut short, bytes written straight from the tree. Each must give what the plain way
 * gives (Jackson's own strings, the whole tree, {@code write(...).getBytes(UTF_8)}).
 */
class LargeTextTest {
    private static final String PAD = "x".repeat(Json.LARGE);

    @Test
    void strings_taken_from_the_bytes_are_the_strings_jackson_reads() throws Exception {
        String[] values = {
            "", "plain", "data:image/png;base64," + "QUJD".repeat(50_000), "tab\there", "quote \\\" inside", "slash \\/ and \\\\",
            "caf\u00e9 \u4e2d \ud83d\ude00", "\\u00e9 escaped", "del \u007f", "almost plain" + "~".repeat(1000) + "!",
        };
        StringBuilder text = new StringBuilder("{\"pad\": \"" + PAD + "\", \"list\": [");
        for (int i = 0; i < values.length; i++) {
            text.append(i > 0 ? ", " : "").append('"').append(values[i].replace("\t", "\\t")).append('"');
        }
        text.append("], \"obj\": {\"k\": \"v\", \"n\": 1.5, \"deep\": [[\"a\"], {\"b\": \"c\"}]}, \"last\": \"end\"}");
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThanOrEqualTo(Json.LARGE);
        assertThat(Json.parse(bytes)).isEqualTo(Json.parse(text.toString())); // parse(String) never takes the shortcut
    }

    @Test
    void a_text_jackson_refuses_is_refused_whatever_its_size() {
        for (String bad : new String[] {"\u0001", "\n", "\\x", "unterminated"}) {
            byte[] bytes = ("{\"pad\": \"" + PAD + "\", \"v\": \"" + bad + (bad.equals("unterminated") ? "" : "\"}"))
                    .getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> Json.parse(bytes)).as(bad).isInstanceOf(JsonFormatException.class);
        }
    }

    @Test
    void a_skipped_value_is_read_past_and_left_null() throws Exception {
        for (String body : new String[] {"\"" + PAD + "\"", "{\"a\": [1, {\"b\": \"" + PAD + "\"}]}", "[\"x\", 2]", "7", "null"}) {
            String text = "{\"test_id\": null, \"request\": {\"method\": \"POST\", \"body\": " + body
                    + ", \"endpoint\": \"/v1/x\"}, \"response\": {\"body\": {\"body\": \"kept\"}}, \"body\": \"kept too\"}";
            JsonNode expected = Json.parse(text);
            ((ObjectNode) expected.get("request")).putNull("body");
            assertThat(Json.parse(text.getBytes(StandardCharsets.UTF_8), "request", "body")).as(body).isEqualTo(expected);
        }
        assertThatThrownBy(() -> Json.parse("{\"request\": {\"body\": [1, }}".getBytes(StandardCharsets.UTF_8), "request", "body"))
                .isInstanceOf(JsonFormatException.class);
    }

    @Test
    void an_abridged_tree_has_every_string_cut_to_its_beginning() throws Exception {
        String text = "{\"long\": \"" + PAD + "\", \"esc\": \"\\u00e9" + "y".repeat(300) + "\", \"short\": \"ab\", \"n\": [1, \"" + PAD + "\"]}";
        JsonNode abridged = Json.parse(text.getBytes(StandardCharsets.UTF_8), 161);
        assertThat(abridged.get("long").textValue()).isEqualTo(PAD.substring(0, 161));
        assertThat(abridged.get("esc").textValue()).isEqualTo(("\u00e9" + "y".repeat(300)).substring(0, 161));
        assertThat(abridged.get("short").textValue()).isEqualTo("ab");
        assertThat(abridged.at("/n/1").textValue()).hasSize(161);
    }

    @Test
    void bytes_written_from_the_tree_are_the_bytes_of_its_text() throws Exception {
        StringBuilder s = new StringBuilder();
        Random random = new Random(18);
        for (int i = 0; i < 50_000; i++) {
            int kind = random.nextInt(6);
            s.append(kind == 0 ? "\ud800" : kind == 1 ? "\ud83d\ude00" : kind == 2 ? "\udc00" : kind == 3 ? "\u00e9\u4e2d" : kind == 4 ? "\"\n" : "ab");
        }
        ObjectNode tree = Json.object().put("s", s.toString()).put("n", 0.1).put("big", 1L << 60);
        tree.putArray("a").add(true).addNull().add("x");
        assertThat(Json.writeBytes(tree)).isEqualTo(Json.write(tree).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pretty_text_written_to_a_stream_is_the_text_built_whole() throws Exception {
        JsonNode tree = Json.parse("{\"b\": [1, {}, \"" + "z".repeat(200_000) + "\u00e9\"], \"a\": [], \"\u00e9\": null, \"f\": 1e300}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        dev.replay4j.internal.recording.RecordingFormat.format(tree, out);
        assertThat(out.toByteArray()).isEqualTo((PythonJson.pretty(tree) + "\n").getBytes(StandardCharsets.US_ASCII))
                .isEqualTo(dev.replay4j.internal.recording.RecordingFormat.format(tree));
    }
}

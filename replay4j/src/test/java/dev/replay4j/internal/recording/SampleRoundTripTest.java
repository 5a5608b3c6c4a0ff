// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.replay4j.internal.json.Json;
import dev.replay4j.fakeupstream.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SampleRoundTripTest {

    @Test
    void every_sample_file_is_written_back_byte_for_byte() throws Exception {
        Path root = SharedData.llamaStack();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(800);
        List<String> differing = new ArrayList<>();
        for (Path p : files) {
            byte[] original = Files.readAllBytes(p);
            byte[] written = RecordingFormat.format(Json.parse(original));
            if (!java.util.Arrays.equals(original, written)) {
                differing.add(root.relativize(p) + firstDifference(original, written));
            }
        }
        assertThat(differing).isEmpty();
    }

    /** Json reads and writes trees with jackson-core alone; Jackson's ObjectMapper is the oracle. */
    @Test
    void every_sample_file_reads_and_writes_as_an_object_mapper_does() throws Exception {
        Path root = SharedData.llamaStack();
        ObjectMapper mapper = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(800);
        for (Path p : files) {
            byte[] original = Files.readAllBytes(p);
            JsonNode expected = mapper.readTree(original);
            JsonNode tree = Json.parse(original);
            assertThat(tree).as(p.toString()).isEqualTo(expected);
            assertThat(Json.write(tree)).as(p.toString()).isEqualTo(expected.toString());
        }
    }

    @Test
    void every_http_recording_of_the_sample_reads_into_the_model() throws Exception {
        Path root = SharedData.llamaStack();
        int read = 0;
        try (Stream<Path> walk = Files.walk(root.resolve("tests"))) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".json")).toList()) {
                var tree = RecordingFormat.parseObject(Files.readAllBytes(p), p.toString());
                if (RecordingFormat.isHttpRecording(tree)) {
                    Recording r = RecordingFormat.fromJson(tree, p.toString());
                    assertThat(r.request().endpoint()).as(p.toString()).isNotEmpty();
                    read++;
                }
            }
        }
        assertThat(read).isGreaterThan(700);
    }

    private static String firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                int from = Math.max(0, i - 40);
                return " at byte " + i + ": expected ..." + new String(a, from, Math.min(a.length, i + 40) - from, StandardCharsets.UTF_8)
                        + "... but wrote ..." + new String(b, from, Math.min(b.length, i + 40) - from, StandardCharsets.UTF_8);
            }
        }
        return " (lengths " + a.length + " and " + b.length + ")";
    }
}

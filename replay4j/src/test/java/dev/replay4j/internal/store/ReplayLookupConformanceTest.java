// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.Layout;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.recording.RecordingFormat;
import dev.replay4j.fakeupstream.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every recording that the sample says a lookup without upstream must find, is found, and no other. */
class ReplayLookupConformanceTest {

    @Test
    void every_expected_replay_of_the_sample_finds_its_own_file() throws Exception {
        Path root = SharedData.llamaStack();
        RecordingStore store = new RecordingStore(root, Layout.LLAMA_STACK);
        List<String> lines = Files.readAllLines(root.resolve("expected-replay.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(452);
        List<String> failures = new ArrayList<>();
        for (String line : lines) {
            JsonNode e = Json.parse(line);
            String file = e.get("file").textValue();
            JsonNode recorded = RecordingFormat.parseObject(Files.readAllBytes(root.resolve(file)), file);
            String testId = e.get("test_id").isNull() ? null : e.get("test_id").textValue();
            Lookup lookup = new Lookup(e.get("method").textValue(), e.get("path").textValue(),
                    recorded.get("request").get("body"), testId, null);
            Optional<Match> match = store.find(lookup);
            String found = match.map(m -> store.relativeName(m.file())).orElse("nothing");
            if (!found.equals(file)) {
                failures.add(file + " -> found " + found);
            }
        }
        assertThat(failures).isEmpty();
    }
}

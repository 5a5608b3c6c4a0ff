// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.key.KeyVersion;
import dev.replay4j.internal.key.RequestKey;
import dev.replay4j.internal.recording.RecordedRequest;
import dev.replay4j.internal.recording.RecordedResponse;
import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.recording.RecordingFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Recording files written with the library, named by the key of the chosen version. */
final class TestRecordings {
    static final String URL = "http://0.0.0.0:11434/v1/v1/chat/completions";
    static final String TEST_ID = "tests/integration/inference/test_x.py::test_y[p]";

    private TestRecordings() {
    }

    static JsonNode body(String json) {
        try {
            return Json.parse(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String key(JsonNode body, KeyVersion version) {
        return RequestKey.compute("POST", URL, body, TEST_ID, version).hex();
    }

    /** Writes {@code folder/<key>.json}; returns the key. */
    static String write(Path root, String folder, JsonNode body, KeyVersion nameVersion) throws IOException {
        String key = key(body, nameVersion);
        write(root.resolve(folder).resolve(key + ".json"), body);
        return key;
    }

    static void write(Path file, JsonNode body) throws IOException {
        Recording recording = new Recording(TEST_ID,
                new RecordedRequest("POST", URL, Json.object(), body, "/v1/chat/completions", RecordedRequest.modelOf(body)),
                RecordedResponse.of(body("{\"id\": \"rec-0\", \"choices\": []}"), false));
        Files.createDirectories(file.getParent());
        Files.write(file, RecordingFormat.write(recording));
    }
}

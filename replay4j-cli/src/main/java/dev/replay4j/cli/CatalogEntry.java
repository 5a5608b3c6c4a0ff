// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.JsonFormatException;
import dev.replay4j.internal.recording.RecordingFormat;
import dev.replay4j.verify.FileReport;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * One recording file as {@code list}, {@code stats} and {@code prune} see it: its verdict, size, and what
 * it records.
 *
 * @param testId   {@code null} when recorded outside any test (or not an HTTP recording)
 * @param endpoint {@code ""} when not an HTTP recording
 */
record CatalogEntry(String file, long size, FileReport report, String testId, String endpoint, String model,
                    boolean streaming) {

    /** Every {@code *.json} under the folder, verified on every core, in path order. */
    static List<CatalogEntry> of(java.nio.file.Path dir) throws IOException {
        return RecordingFiles.under(dir).parallelStream().map(CatalogEntry::of).toList();
    }

    static CatalogEntry of(RecordingFile file) {
        FileReport report = FileCheck.check(file);
        long size = 0;
        String testId = null;
        String endpoint = "";
        String model = "";
        boolean streaming = false;
        try {
            size = Files.size(file.path());
            JsonNode root = Json.parse(Files.readAllBytes(file.path()));
            if (RecordingFormat.isHttpRecording(root)) {
                JsonNode request = root.get("request");
                testId = root.path("test_id").isTextual() ? root.get("test_id").textValue() : null;
                endpoint = request.path("endpoint").asText("");
                model = request.path("model").asText("");
                streaming = root.path("response").path("is_streaming").asBoolean(false);
            }
        } catch (IOException | JsonFormatException e) {
            // the report already says what is wrong with the file
        }
        return new CatalogEntry(file.relative(), size, report, testId, endpoint, model, streaming);
    }

    /** The folder of the file, relative to the folder listed ({@code .} at the top). */
    String folder() {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "." : file.substring(0, slash);
    }

    boolean isRecording() {
        return !endpoint.isEmpty();
    }
}

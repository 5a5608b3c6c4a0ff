// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.internal.json.PythonJson;
import dev.replay4j.internal.recording.RecordingFormat;
import dev.replay4j.internal.recording.RecordingFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The recorded requests of the conformance sample, as the Python reference's {@code bench} command
 * collects them: every {@code *.json} file under the directory whose {@code request} has a method, a
 * url and a body; files that do not parse are left out, as Python's loop leaves them out.
 */
final class Sample {
    /** The system property that names the shared folder (the one holding {@code conformance/}). */
    static final String SHARED_PROPERTY = "replay4j.shared";
    static final String SAMPLE = "conformance/llama-stack";

    /** One recorded request; {@code dumped} is {@code json.dumps(body)}, {@code fileKey} the file name less ".json". */
    record Request(String method, String url, String testId, byte[] dumped, JsonNode body, String fileKey) {
    }

    final List<Request> requests;
    final long bytes;

    private Sample(List<Request> requests) {
        this.requests = List.copyOf(requests);
        this.bytes = requests.stream().mapToLong(r -> r.dumped().length).sum();
    }

    /** The sample folder: {@code -Dreplay4j.shared=DIR}, else {@code ../shared} from the working directory. */
    static Path directory() {
        String configured = System.getProperty(SHARED_PROPERTY);
        Path shared = configured != null ? Path.of(configured) : Path.of("..", "shared");
        Path dir = shared.resolve(SAMPLE);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the conformance sample is not at " + dir.toAbsolutePath().normalize()
                    + " (expected " + SAMPLE + " under " + (configured != null ? "-D" + SHARED_PROPERTY + "=" + configured
                    : "../shared, beside the project root") + "); run from the project root or pass -D"
                    + SHARED_PROPERTY + "=/path/to/shared");
        }
        return dir;
    }

    static Sample load(Path dir) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        List<Request> requests = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            ObjectNode root;
            try {
                root = RecordingFormat.parseObject(Files.readAllBytes(file), name);
            } catch (RecordingFormatException e) {
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            if (!RecordingFormat.isHttpRecording(root)) {
                continue;
            }
            JsonNode req = root.get("request");
            JsonNode testId = root.get("test_id");
            if (!req.get("method").isTextual() || !req.get("url").isTextual()
                    || (testId != null && !testId.isTextual() && !testId.isNull())) {
                throw new IllegalStateException(file + ": method, url and test_id must be strings here");
            }
            JsonNode body = req.get("body");
            requests.add(new Request(req.get("method").textValue(), req.get("url").textValue(),
                    testId != null && testId.isTextual() ? testId.textValue() : null,
                    PythonJson.dumps(body).getBytes(StandardCharsets.ISO_8859_1), body, name.substring(0, name.length() - ".json".length())));
        }
        if (requests.isEmpty()) {
            throw new IllegalStateException("no HTTP recording under " + dir.toAbsolutePath().normalize());
        }
        return new Sample(requests);
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.internal.key.KeyVersion;
import dev.replay4j.internal.key.RequestKey;
import dev.replay4j.internal.recording.RecordingFormat;
import dev.replay4j.internal.recording.RecordingFormatException;

/** Checks that a recording file's name is the key of the request it holds. */
public final class Verifier {
    private Verifier() {
    }

    /**
     * @param file     the path to report, relative to the folder verified
     * @param content  the file's bytes
     */
    public static FileReport verify(String file, byte[] content) {
        ObjectNode root;
        try {
            root = RecordingFormat.parseObject(content, file);
        } catch (RecordingFormatException e) {
            return new FileReport(file, FileKind.BROKEN, Verdict.BROKEN, null, e.getMessage());
        }
        if (!RecordingFormat.isHttpRecording(root)) {
            return new FileReport(file, FileKind.OTHER, Verdict.OTHER, null, null);
        }
        if (root.path("response").has("body_encoding")) {
            try {
                RecordingFormat.fromJson(root.deepCopy(), file); // an answer's bytes: their digest says if they were changed
            } catch (RecordingFormatException e) {
                return new FileReport(file, FileKind.BROKEN, Verdict.BROKEN, null, e.getMessage());
            }
        }
        String name = fileName(file);
        FileKind kind = name.startsWith("models-") ? FileKind.MODELS : FileKind.INFERENCE;
        String named = kind == FileKind.MODELS ? modelListKey(name) : name;

        JsonNode request = root.get("request");
        JsonNode method = request.get("method");
        JsonNode url = request.get("url");
        if (!method.isTextual() || !url.isTextual()) {
            return new FileReport(file, FileKind.BROKEN, Verdict.BROKEN, null,
                    file + ": request.method and request.url must be strings");
        }
        JsonNode testIdNode = root.get("test_id");
        String testId = testIdNode != null && testIdNode.isTextual() ? testIdNode.textValue() : null;
        JsonNode body = request.get("body");

        RequestKey v2 = RequestKey.compute(method.textValue(), url.textValue(), body, testId, KeyVersion.V2);
        if (v2.hex().equals(named)) {
            return new FileReport(file, kind, Verdict.CURRENT, v2.hex(), null);
        }
        RequestKey v1 = RequestKey.compute(method.textValue(), url.textValue(), body, testId, KeyVersion.V1);
        if (v1.hex().equals(named)) {
            return new FileReport(file, kind, Verdict.LEGACY, v2.hex(), null);
        }
        return new FileReport(file, kind, Verdict.MISMATCH, v2.hex(),
                "the name is not the key of the request inside; its version-2 key is " + v2.hex());
    }

    /** The name without {@code .json}, and without the {@code .<n>} of the nth answer of a sequence. */
    private static String fileName(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        name = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return name.replaceFirst("^([0-9a-f]{64})\\.[1-9][0-9]*$", "$1");
    }

    /** {@code models-<key>-<digest>}: the verdict is about {@code <key>}. */
    private static String modelListKey(String name) {
        String[] parts = name.split("-", -1);
        return parts.length > 1 ? parts[1] : "";
    }
}

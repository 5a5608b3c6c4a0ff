// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAI's endpoints of bytes and forms: {@code /v1/audio/speech} (audio bytes), {@code /v1/audio/transcriptions} and
 * {@code /v1/files} (multipart uploads), and {@code /v1/batches} (a batch that is {@code validating}, then
 * {@code in_progress}, then {@code completed} on the third look), answered as the API answers them.
 */
final class OpenAiFiles {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("(?:^|[;\\s])name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

    private final Map<String, AtomicInteger> batchLooks = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    /** 2,062 bytes of MPEG audio frames: not text in any encoding. */
    static byte[] speech(String input) {
        byte[] audio = new byte[2062];
        byte[] seed = input.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (byte) (i % 417 == 0 ? 0xFF : (i * 31 + (seed.length == 0 ? 7 : seed[i % seed.length])) & 0xFF);
        }
        audio[1] = (byte) 0xFB;
        return audio;
    }

    Answer transcription(Map<String, Part> form) {
        Part file = form.get("file");
        if (file == null || form.get("model") == null) {
            return ErrorAnswers.of("/v1/audio/transcriptions", 400, "file and model are required");
        }
        String text = "Transcript of " + file.filename() + " (" + file.bytes().length + " bytes)";
        Part format = form.get("response_format");
        if (format != null && format.text().equals("text")) {
            return new Answer(200, "text/plain; charset=utf-8", text + "\n");
        }
        ObjectNode out = Conversation.object();
        out.put("text", text);
        return Answer.json(out);
    }

    Answer createFile(Map<String, Part> form) {
        Part file = form.get("file");
        Part purpose = form.get("purpose");
        if (file == null || purpose == null) {
            return ErrorAnswers.of("/v1/files", 400, "file and purpose are required");
        }
        ObjectNode out = Conversation.object();
        out.put("id", "file-" + ids.incrementAndGet());
        out.put("object", "file");
        out.put("bytes", file.bytes().length);
        out.put("created_at", 1700000000 + ids.get());
        out.put("filename", file.filename());
        out.put("purpose", purpose.text());
        out.put("status", "processed");
        return Answer.json(out);
    }

    Answer createBatch(String requestBody) {
        String id = "batch_" + ids.incrementAndGet();
        batchLooks.put(id, new AtomicInteger());
        return Answer.json(batch(id, "validating", requestBody));
    }

    Answer batch(String id) {
        AtomicInteger looks = batchLooks.get(id);
        if (looks == null) {
            return ErrorAnswers.of("/v1/batches/" + id, 404, "No batch found with id '" + id + "'.");
        }
        int n = looks.incrementAndGet();
        return Answer.json(batch(id, n < 2 ? "in_progress" : n < 3 ? "finalizing" : "completed", null));
    }

    private static ObjectNode batch(String id, String status, String requestBody) {
        ObjectNode out = Conversation.object();
        out.put("id", id);
        out.put("object", "batch");
        out.put("endpoint", "/v1/chat/completions");
        out.putNull("errors");
        out.put("input_file_id", requestBody != null && requestBody.contains("\"input_file_id\"")
                ? requestBody.replaceAll("(?s).*\"input_file_id\"\\s*:\\s*\"([^\"]*)\".*", "$1") : "file-1");
        out.put("completion_window", "24h");
        out.put("status", status);
        if (status.equals("completed")) {
            out.put("output_file_id", "file-out-" + id);
        }
        out.put("created_at", 1700000000);
        ObjectNode counts = out.putObject("request_counts");
        counts.put("total", 1).put("completed", status.equals("completed") ? 1 : 0).put("failed", 0);
        return out;
    }

    /** One part of a form: its filename ({@code null} for a text field) and bytes. */
    record Part(String filename, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The parts of a multipart/form-data body, by name; {@code null} when the content type is no form. */
    static Map<String, Part> form(String contentType, byte[] body) {
        Matcher b = contentType == null ? null : BOUNDARY.matcher(contentType);
        if (b == null || !contentType.startsWith("multipart/form-data") || !b.find()) {
            return null;
        }
        String text = new String(body, StandardCharsets.ISO_8859_1); // one char per byte: indexes are byte offsets
        String delimiter = "--" + b.group(1);
        Map<String, Part> parts = new LinkedHashMap<>();
        int at = text.indexOf(delimiter);
        while (at >= 0) {
            int start = at + delimiter.length();
            if (text.startsWith("--", start)) {
                break;
            }
            int headersEnd = text.indexOf("\r\n\r\n", start);
            int next = text.indexOf("\r\n" + delimiter, headersEnd);
            if (headersEnd < 0 || next < 0) {
                return null;
            }
            String headers = text.substring(start, headersEnd);
            Matcher name = NAME.matcher(headers);
            Matcher filename = FILENAME.matcher(headers);
            if (name.find()) {
                byte[] content = java.util.Arrays.copyOfRange(body, headersEnd + 4, next);
                parts.put(name.group(1), new Part(filename.find() ? filename.group(1) : null, content));
            }
            at = next + 2;
        }
        return parts;
    }
}

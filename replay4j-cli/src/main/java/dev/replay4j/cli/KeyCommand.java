// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.JsonFormatException;
import dev.replay4j.internal.key.BodyFormatException;
import dev.replay4j.internal.key.KeyVersion;
import dev.replay4j.internal.key.RequestBodies;
import dev.replay4j.internal.key.RequestKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "key",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the request key of a request body read from FILE or standard input: two lines, the key "
                + "(64 hex digits, the name of its recording) and the canonical text that was hashed.",
            "An empty (or blank) body is {}."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:ok",
            "1:the body is not JSON, nor a form or --content-type given (with --batch: a line is not JSON)",
            "2:usage error, or FILE does not exist"})
final class KeyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Replay4jCommand parent;

    @Option(names = "--method", defaultValue = "POST", paramLabel = "METHOD",
            description = "The HTTP method (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--endpoint", defaultValue = "/v1/chat/completions", paramLabel = "PATH|URL",
            description = {"The path called upstream, or the full upstream URL: its path is hashed, and a host "
                + "containing 'bedrock' drops stream_options (default: ${DEFAULT-VALUE})."})
    String endpoint;

    @Option(names = "--test-id", paramLabel = "ID",
            description = "The test id (default: none, hashed as null).")
    String testId;

    @Option(names = "--key-version", defaultValue = "2", paramLabel = "1|2", converter = KeyVersionConverter.class,
            description = "2 normalises the body first; 1 is the key of older recordings (default: ${DEFAULT-VALUE}).")
    KeyVersion version;

    @Option(names = "--batch", description = {
        "The input holds one JSON text per line (any JSON value). Each output line is "
            + "{\"key\": ..., \"canonical\": ...} for it, or {\"error\": ...} for a line that is not JSON. "
            + "A blank line is an error line too, so that output line N is always about input line N. "
            + "The exit status is 1 if any line failed."})
    boolean batch;

    @Option(names = "--content-type", paramLabel = "TYPE", description = {
        "The request's Content-Type, for a body that is not JSON: a multipart form "
            + "('multipart/form-data; boundary=B') is keyed by its fields, any other body by TYPE and its SHA-256. "
            + "Without it, a body that starts with '--' is read as a form whose boundary is its first line."})
    String contentType;

    @Parameters(arity = "0..1", paramLabel = "FILE",
            description = "The request body (default, or '-': standard input). Read as UTF-8.")
    Path file;

    @Override
    public Integer call() {
        RequestInput input = RequestInput.read(file, parent.streams().stdin());
        return batch ? keyEachLine(input) : keyOneBody(input);
    }

    private int keyOneBody(RequestInput input) {
        JsonNode body;
        try {
            body = isBlank(input.bytes()) ? Json.object() : Json.parse(input.bytes());
        } catch (JsonFormatException e) {
            String type = contentType != null ? contentType : formTypeOf(input.bytes());
            if (type == null) {
                throw CliFailure.failed("replay4j key: " + input.source() + ": not valid JSON: " + e.getMessage()
                        + " (for a form or other bytes, give --content-type)");
            }
            try {
                body = RequestBodies.keyed(input.bytes(), type);
            } catch (BodyFormatException f) {
                throw CliFailure.failed("replay4j key: " + input.source() + ": " + f.getMessage());
            }
        }
        RequestKey key = key(body);
        PrintWriter out = spec.commandLine().getOut();
        out.println(key.hex());
        out.println(canonical(body));
        out.flush();
        return ExitCode.OK;
    }

    private int keyEachLine(RequestInput input) {
        PrintWriter out = spec.commandLine().getOut();
        byte[][] lines = BatchLines.split(input.bytes());
        int failed = 0;
        for (int i = 0; i < lines.length; i++) {
            String where = input.source() + ", line " + (i + 1);
            if (isBlank(lines[i])) {
                out.println(new JsonLine().put("error", where + ": blank line, no JSON text"));
                failed++;
                continue;
            }
            try {
                JsonNode body = Json.parse(lines[i]);
                out.println(new JsonLine().put("key", key(body).hex()).put("canonical", canonical(body)));
            } catch (JsonFormatException e) {
                out.println(new JsonLine().put("error", where + ": not valid JSON: " + BatchLines.withinLine(e.getMessage())));
                failed++;
            }
        }
        out.flush();
        if (failed > 0) {
            spec.commandLine().getErr().println(
                    "replay4j key: " + failed + " of " + lines.length + " lines of " + input.source() + " are not JSON");
            return ExitCode.SOFTWARE;
        }
        return ExitCode.OK;
    }

    private RequestKey key(JsonNode body) {
        return RequestKey.compute(method, endpoint, body, testId, version);
    }

    private String canonical(JsonNode body) {
        return RequestKey.canonicalText(method, endpoint, body, testId, version);
    }

    /** {@code multipart/form-data; boundary=B} for a body whose first line is {@code --B}, else {@code null}. */
    private static String formTypeOf(byte[] bytes) {
        if (bytes.length < 3 || bytes[0] != '-' || bytes[1] != '-') {
            return null;
        }
        int end = 2;
        while (end < bytes.length && bytes[end] != '\r' && bytes[end] != '\n') {
            end++;
        }
        String boundary = new String(bytes, 2, end - 2, java.nio.charset.StandardCharsets.ISO_8859_1).trim();
        return boundary.isEmpty() ? null : "multipart/form-data; boundary=\"" + boundary + "\"";
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}

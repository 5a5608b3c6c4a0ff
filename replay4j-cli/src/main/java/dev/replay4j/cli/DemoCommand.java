// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.Layout;
import dev.replay4j.ReplayProxy;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.JsonFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Shows replay4j at work, offline: starts the proxy in replay mode over the sample recordings bundled in "
                + "the jar (samples/llama-stack), sends a streaming chat request as an OpenAI client would, and prints "
                + "the answer chunk by chunk as it arrives; then how to do the same with your own client."})
final class DemoCommand implements Callable<Integer> {
    static final String QUESTION = "What's the name of the Sun in latin?";
    static final String BODY = "{\"model\": \"llama3.2:3b-instruct-fp16\", \"messages\": [{\"role\": \"user\", \"content\": \""
            + QUESTION + "\"}], \"stream\": true}";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path recordings = Files.createTempDirectory("replay4j-demo-");
        try {
            copyBundledSamples(recordings);
            try (ReplayProxy proxy = ReplayProxy.builder().recordings(recordings).layout(Layout.LLAMA_STACK).build().start()) {
                out.println("replay4j demo: a recorded streaming chat, replayed offline");
                out.println("  proxy:    " + proxy.url() + " (mode replay, layout llama-stack, the bundled samples/llama-stack)");
                out.println("  request:  POST /v1/chat/completions " + BODY);
                out.print("  answer:   ");
                out.flush();
                int chunks = streamAnswer(proxy.url() + "/v1/chat/completions", out);
                out.println();
                out.println("            (" + chunks + " chunks, streamed as server-sent events, as the OpenAI API sends them)");
            }
        } finally {
            deleteTree(recordings);
        }
        out.println();
        out.println("Do the same with your own client:");
        out.println("  bin/replay4j serve --layout llama-stack --dir samples/llama-stack --port 8080");
        out.println("  curl -sN http://127.0.0.1:8080/v1/chat/completions -H 'Content-Type: application/json' \\");
        out.println("    -d '" + BODY.replace("'", "'\\''") + "'");
        out.flush();
        return ExitCode.OK;
    }

    /** Prints each delta as its event arrives; returns the number of chunks. */
    private static int streamAnswer(String url, PrintWriter out) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            String body = String.join("\n", (Iterable<String>) response.body()::iterator);
            throw CliFailure.failed("replay4j demo: the proxy answered " + response.statusCode() + ": " + body);
        }
        int chunks = 0;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (!line.startsWith("data: ") || line.equals("data: [DONE]")) {
                    continue;
                }
                try {
                    JsonNode chunk = Json.parse(line.substring(6));
                    out.print(chunk.at("/choices/0/delta/content").asText(""));
                    out.flush();
                    chunks++;
                } catch (JsonFormatException e) {
                    throw CliFailure.failed("replay4j demo: a chunk is not JSON: " + line);
                }
            }
        }
        return chunks;
    }

    /** The samples are packed into the jar (or lie in target/classes when run from the build). */
    private static void copyBundledSamples(Path target) throws IOException, URISyntaxException {
        URL url = DemoCommand.class.getResource("demo");
        if (url == null) {
            throw CliFailure.failed("replay4j demo: the bundled samples are missing from this build (dev/replay4j/cli/demo)");
        }
        URI uri = url.toURI();
        if (uri.getScheme().equals("jar")) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                copyTree(jar.provider().getPath(uri), target);
            }
        } else {
            copyTree(Path.of(uri), target);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    try (InputStream in = Files.newInputStream(p)) {
                        Files.copy(in, dest);
                    }
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is not worth failing the demo for
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.bench.memory;

import com.sun.net.httpserver.HttpServer;
import dev.replay4j.bench.BenchArgs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Peak memory of {@code replay4j serve} for large bodies: {@code n} concurrent requests of {@code mb} MB each
 * (a vision request: a base64 image in a data URL), and one upstream answer of {@code answerMb} MB. Each
 * scenario runs in a fresh {@code serve} process started with {@code xmx} (empty: the JVM's default), and reads
 * its peak RSS ({@code VmHWM} of {@code /proc/<pid>/status}) after a small warm-up request and after the large
 * ones. Loopback only; every request is bounded by a timeout.
 *
 * <ul>
 *   <li>{@code record}: mode record-if-missing (a lookup, then the upstream, in this process, answers a small chat
 *   completion); the n requests are recorded (n files of about mb MB);</li>
 *   <li>{@code replay}: mode replay over those recordings: n hits;</li>
 *   <li>{@code miss}: mode replay over those recordings, n other requests of the same size: n explained misses (404),
 *   each compared with the recordings there to name the nearest;</li>
 *   <li>{@code answer}: mode record, one small request whose upstream answer is answerMb MB of JSON.</li>
 * </ul>
 *
 * <pre>java -cp benchmarks.jar dev.replay4j.bench.memory.BodyMemoryBench cliJar=replay4j-cli/target/replay4j.jar
 *     work=target/memory-bench n=4 mb=30 answerMb=50 xmx=1g scenarios=record,replay,miss,answer</pre>
 */
public final class BodyMemoryBench {
    private final BenchArgs options;
    private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");

    private BodyMemoryBench(String[] args) {
        options = BenchArgs.parse(args);
    }

    public static void main(String[] args) throws Exception {
        new BodyMemoryBench(args).run();
    }

    private void run() throws Exception {
        Path cliJar = Path.of(options.get("cliJar", null)).toAbsolutePath();
        Path work = Path.of(options.get("work", "target/memory-bench")).toAbsolutePath();
        int n = Integer.parseInt(options.get("n", "4"));
        int mb = Integer.parseInt(options.get("mb", "30"));
        int answerMb = Integer.parseInt(options.get("answerMb", "50"));
        String xmx = options.get("xmx", "");
        List<String> scenarios = List.of(options.get("scenarios", "record,replay,miss,answer").split(","));
        deleteTree(work);
        Files.createDirectories(work);
        Path recordings = work.resolve("recordings");

        List<byte[]> bodies = new ArrayList<>();
        List<byte[]> others = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            bodies.add(visionRequest(i, mb * 1_000_000));
            others.add(visionRequest(n + i, mb * 1_000_000));
        }
        byte[] small = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".getBytes(StandardCharsets.UTF_8);
        byte[] bigAnswer = chatCompletion(answerMb * 1_000_000);
        byte[] smallAnswer = chatCompletion(20);

        System.out.printf("# replay4j serve, peak RSS for large bodies: n=%d concurrent requests of %d MB, one answer of %d MB,"
                + " -Xmx %s%n", n, mb, answerMb, xmx.isEmpty() ? "(default)" : xmx);
        System.out.println("| scenario | requests | peak RSS after warm-up, MB | peak RSS after the large requests, MB | answers |");
        System.out.println("|---|---|---:|---:|---|");
        try (Upstream upstream = new Upstream(smallAnswer, bigAnswer)) {
            for (String scenario : scenarios) {
                List<String> args = new ArrayList<>();
                List<byte[]> sent;
                String path = "/v1/chat/completions";
                switch (scenario) {
                    case "record":
                        args.addAll(List.of("--dir", recordings.toString(), "--mode", "record-if-missing", "--upstream",
                                upstream.url()));
                        sent = bodies;
                        break;
                    case "replay":
                        args.addAll(List.of("--dir", recordings.toString(), "--mode", "replay"));
                        sent = bodies;
                        break;
                    case "miss":
                        args.addAll(List.of("--dir", recordings.toString(), "--mode", "replay"));
                        sent = others;
                        break;
                    case "answer":
                        args.addAll(List.of("--dir", work.resolve("answers").toString(), "--mode", "record", "--upstream",
                                upstream.url()));
                        sent = List.of(small);
                        path = "/v1/chat/completions?big";
                        break;
                    default:
                        throw new IllegalArgumentException("unknown scenario " + scenario);
                }
                Serve serve = Serve.start(java, cliJar, xmx, args, work.resolve(scenario + ".log"));
                try {
                    // Warm-up: a small request of the same kind (a miss in replay mode), so that the baseline holds
                    // the classes and the JIT's work.
                    send(serve.url + "/v1/chat/completions?warm", small);
                    long warm = serve.peakKb();
                    Map<String, Integer> answers = sendAll(serve.url + path, sent);
                    long peak = serve.peakKb();
                    System.out.printf("| %s | %s | %d | %d | %s |%n", scenario,
                            scenario.equals("answer") ? "1 x small, answer " + answerMb + " MB" : sent.size() + " x " + mb + " MB",
                            warm / 1024, peak / 1024, answers);
                } finally {
                    serve.stop();
                }
            }
        }
    }

    /** Sends every body at once, each on its own connection; the answers by status, or by the failure's name. */
    private static Map<String, Integer> sendAll(String url, List<byte[]> bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        try {
            List<Future<String>> results = new ArrayList<>();
            for (byte[] body : bodies) {
                results.add(pool.submit(() -> {
                    try {
                        return String.valueOf(send(url, body));
                    } catch (IOException e) {
                        return e.getClass().getSimpleName();
                    }
                }));
            }
            Map<String, Integer> out = new TreeMap<>();
            for (Future<String> r : results) {
                out.merge(r.get(300, TimeUnit.SECONDS), 1, Integer::sum);
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The status; the answer is read to its end (and dropped), as a client does. */
    private static int send(String url, byte[] body) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(240)).expectContinue(true)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return response.statusCode();
    }

    /** A chat request with one image of about {@code size} bytes, as an SDK sends a vision request. */
    static byte[] visionRequest(int i, int size) {
        byte[] raw = new byte[size / 4 * 3];
        new Random(i).nextBytes(raw);
        String image = Base64.getEncoder().encodeToString(raw);
        return ("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is in image "
                + i + "?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + image
                + "\"}}]}],\"max_tokens\":300}").getBytes(StandardCharsets.US_ASCII);
    }

    /** A chat completion whose answer is about {@code size} bytes of text. */
    static byte[] chatCompletion(int size) {
        StringBuilder text = new StringBuilder(size + 16);
        Random random = new Random(size);
        while (text.length() < size) {
            text.append("word").append(random.nextInt(1000)).append(' ');
        }
        return ("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}").getBytes(StandardCharsets.US_ASCII);
    }

    /** The upstream: a small chat completion, or the big one for a query of {@code big}. */
    private static final class Upstream implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "memory-bench-upstream");
            t.setDaemon(true);
            return t;
        });

        Upstream(byte[] small, byte[] big) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.createContext("/", ex -> {
                try (InputStream in = ex.getRequestBody()) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                byte[] answer = "big".equals(ex.getRequestURI().getRawQuery()) ? big : small;
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, answer.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.setExecutor(executor);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /** A {@code replay4j serve} process. */
    private static final class Serve {
        final Process process;
        final String url;

        private Serve(Process process, String url) {
            this.process = process;
            this.url = url;
        }

        static Serve start(Path javaBin, Path cliJar, String xmx, List<String> args, Path log) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(javaBin.toString()));
            if (!xmx.isEmpty()) {
                cmd.add("-Xmx" + xmx);
            }
            cmd.addAll(List.of("-jar", cliJar.toString(), "serve", "--port", "0"));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.to(log.toFile())).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                int at = line.indexOf("http://");
                if (line.startsWith("replay4j serving ") && at >= 0) {
                    String url = line.substring(at, line.indexOf(' ', at));
                    Thread drain = new Thread(() -> {
                        try {
                            out.transferTo(Writer.nullWriter());
                        } catch (IOException ignored) {
                            // the process ended
                        }
                    });
                    drain.setDaemon(true);
                    drain.start();
                    return new Serve(p, url);
                }
            }
            throw new IOException("serve ended before it listened; see " + log);
        }

        /** VmHWM in kB: the process's peak resident set so far. */
        long peakKb() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            throw new IOException("no VmHWM for pid " + process.pid());
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

}

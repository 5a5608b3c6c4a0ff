// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.bench.pace;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.replay4j.Mode;
import dev.replay4j.ReplayProxy;
import dev.replay4j.internal.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * How closely a paced replay keeps the recorded pace: a long SSE stream with pauses is recorded from a slow
 * upstream with {@code recordTiming}, then replayed at each speed; the client's arrival time of every event
 * (from sending the request) is compared with the recorded offset divided by the speed.
 *
 * <pre>java -cp replay4j-bench/target/benchmarks.jar dev.replay4j.bench.pace.PaceBench [events=500] [gapMs=10] [pauseMs=300] [rounds=3]</pre>
 */
public final class PaceBench {
    private PaceBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = arg(args, "events", 500);
        int gapMs = arg(args, "gapMs", 10);
        int pauseMs = arg(args, "pauseMs", 300);
        int rounds = arg(args, "rounds", 3);
        Path dir = Files.createTempDirectory("replay4j-pace");
        HttpServer upstream = slowUpstream(events, gapMs, pauseMs);
        String test = "bench.Pace::stream";
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).mode(Mode.RECORD).recordTiming(true)
                .upstream("http://127.0.0.1:" + upstream.getAddress().getPort()).build().start()) {
            List<Double> got = arrivals(proxy.baseUrl(test));
            if (got.size() != events) {
                throw new IllegalStateException("recorded " + got.size() + " events, not " + events);
            }
        } finally {
            upstream.stop(0);
        }
        Path file;
        try (Stream<Path> walk = Files.walk(dir)) {
            file = walk.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        JsonNode offsets = Json.parse(Files.readAllBytes(file)).at("/response/event_offsets_ms");
        double[] recorded = new double[offsets.size()];
        for (int i = 0; i < recorded.length; i++) {
            recorded[i] = offsets.get(i).asDouble();
        }
        System.out.printf("stream: %d events, %d ms apart, a %d ms pause every 100; recorded span %.0f ms%n", events, gapMs, pauseMs,
                recorded[recorded.length - 1]);
        System.out.println("| speed | round | events | median abs error (ms) | p95 abs error (ms) | worst abs error (ms) | span replayed / expected (ms) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (double speed : new double[] {1, 2}) {
            try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).replaySpeed(speed).build().start()) {
                arrivals(proxy.baseUrl(test)); // warm up: classes loaded, the recording cached
                for (int round = 1; round <= rounds; round++) {
                    List<Double> got = arrivals(proxy.baseUrl(test));
                    double[] errors = new double[Math.min(got.size(), recorded.length)];
                    for (int i = 0; i < errors.length; i++) {
                        errors[i] = Math.abs(got.get(i) - recorded[i] / speed);
                    }
                    Arrays.sort(errors);
                    System.out.printf("| %s | %d | %d | %.2f | %.2f | %.2f | %.0f / %.0f |%n", speed == 1 ? "1" : "2", round, got.size(),
                            errors[errors.length / 2], errors[(int) (errors.length * 0.95)], errors[errors.length - 1],
                            got.get(got.size() - 1), recorded[recorded.length - 1] / speed);
                }
            }
        }
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(dir).build().start()) {
            arrivals(proxy.baseUrl(test));
            List<Double> got = arrivals(proxy.baseUrl(test));
            System.out.printf("speed 0 (the default): the whole stream in %.1f ms%n", got.get(got.size() - 1));
        }
    }

    /** Milliseconds from writing the request to each {@code data: {} line, over a plain socket. */
    private static List<Double> arrivals(String base) throws IOException {
        URI uri = URI.create(base + "/v1/chat/completions");
        byte[] body = "{\"model\":\"gpt-test\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"pace\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        List<Double> out = new ArrayList<>();
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setTcpNoDelay(true);
            String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n";
            OutputStream os = socket.getOutputStream();
            os.write(head.getBytes(StandardCharsets.US_ASCII));
            os.write(body);
            os.flush();
            long start = System.nanoTime();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("data: {")) {
                    out.add((System.nanoTime() - start) / 1e6);
                }
            }
        }
        return out;
    }

    /** An OpenAI-style stream of {@code events} chunks, {@code gapMs} apart, with a pause of {@code pauseMs} every 100. */
    private static HttpServer slowUpstream(int events, int gapMs, int pauseMs) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                long start = System.nanoTime();
                double at = 0;
                for (int i = 0; i < events; i++) {
                    at += i > 0 && i % 100 == 0 ? pauseMs : gapMs;
                    long deadline = start + (long) (at * 1e6);
                    for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(left);
                    }
                    String chunk = "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\",\"choices\":"
                            + "[{\"index\":0,\"delta\":{\"content\":\"t" + i + " \"},\"finish_reason\":null}]}";
                    out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.setExecutor(null);
        server.start();
        return server;
    }

    private static int arg(String[] args, String name, int fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return Integer.parseInt(a.substring(name.length() + 1));
            }
        }
        return fallback;
    }
}

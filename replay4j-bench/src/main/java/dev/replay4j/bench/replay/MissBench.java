// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.bench.replay;

import dev.replay4j.bench.BenchArgs;
import dev.replay4j.fakeupstream.testing.HttpConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replay misses, as a suite whose prompts all changed sees them: {@code serve} over 100, 1,000 and 3,000 recordings,
 * each request one of the workload's bodies with its {@code user} field changed (so its nearest recording is the one
 * it came from, one line apart). The first miss of a fresh process, the following ones (one at a time), 256 clients
 * missing at once, and the heap after a full GC before and after the first miss (what the nearest-recording index
 * costs per recording). Run by {@code bench/run.sh}; Java client (one request at a time, timed from writing the
 * request to its last byte).
 *
 * <pre>java -cp benchmarks.jar dev.replay4j.bench.replay.MissBench shared=../shared work=DIR cliJar=JAR out=FILE [counts=100,1000,3000]</pre>
 */
public final class MissBench {
    private final BenchArgs options;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();

    private MissBench(String[] args) {
        options = BenchArgs.parse(args);
    }

    public static void main(String[] args) throws Exception {
        new MissBench(args).run();
    }

    private record Row(int count, double firstMs, double medianMs, double p90Ms, double maxMs, double concurrentSeconds,
                       int concurrentAnswered, long heapBefore, long heapAfter, String nearestOk, String load) {
    }

    private void run() throws Exception {
        Path sample = Path.of(options.get("shared", null)).resolve("conformance/llama-stack");
        Path work = Path.of(options.get("work", null)).toAbsolutePath();
        Path cliJar = Path.of(options.get("cliJar", null)).toAbsolutePath();
        Path out = Path.of(options.get("out", null));
        int following = Integer.parseInt(options.get("following", "50"));
        int concurrent = Integer.parseInt(options.get("concurrent", "256"));
        int[] counts = Arrays.stream(options.get("counts", "100,1000,3000").split(",")).mapToInt(Integer::parseInt).toArray();
        Files.createDirectories(work);
        List<Workload.Exchange> base = Workload.base(sample, 100);
        List<Row> rows = new ArrayList<>();
        for (int count : counts) {
            Path dir = work.resolve("miss-recordings-" + count);
            if (Files.exists(dir)) {
                ReplayBench.deleteTree(dir);
            }
            Workload.Built w = Workload.build(dir, base, count);
            String load = ShortRunBench.loadAverage();
            List<String> cmd = List.of(java, "-Dfile.encoding=UTF-8", "-jar", cliJar.toString(), "serve", "--dir", dir.toString(),
                    "--port", "%PORT%");
            try (ReplayBench.Server s = ReplayBench.Server.start("miss-" + count, cmd, freePort(), work)) {
                s.awaitFirst200(w.bodies().get(0));
                long heapBefore = heapAfterGc(s.pid());
                // Request i is body i with another user: its nearest recording is recording i, one line apart.
                double first = miss(s.port, changed(w.bodies().get(1), "first"), "\"user\": \"bench-1\"");
                long heapAfter = heapAfterGc(s.pid());
                List<Double> times = new ArrayList<>();
                int right = 0;
                for (int i = 0; i < following; i++) {
                    int n = 2 + (int) ((long) i * (count - 2) / following);
                    long t0 = System.nanoTime();
                    String message = missMessage(s.port, changed(w.bodies().get(n), "again-" + i));
                    times.add((System.nanoTime() - t0) / 1e6);
                    // The sample holds some identical requests, so the recording nearest is the one it came from or
                    // any other equal to it but for the user field: right when that field is the whole difference.
                    right += isOneFieldApart(message) ? 1 : 0;
                }
                double[] conc = concurrentMisses(s.port, w, concurrent);
                times.sort(null);
                rows.add(new Row(count, first, times.get(times.size() / 2), times.get((int) (times.size() * 0.9)), times.get(times.size() - 1),
                        conc[0], (int) conc[1], heapBefore, heapAfter, right + " of " + following, load + " → " + ShortRunBench.loadAverage()));
                log("%d recordings: first %.1f ms, then median %.2f ms; %d concurrent in %.2f s", count, first, times.get(times.size() / 2),
                        concurrent, conc[0]);
            }
        }
        List<String> md = new ArrayList<>();
        md.add(String.format(Locale.ROOT, "`%s` (%s), misses one at a time on one connection (Java client) except the concurrent column (%d"
                + " connections, one miss each, all sent at once). Heap: `jcmd GC.run` then `GC.heap_info`, after one hit and again"
                + " after the first miss.", cliJar.getFileName(), cliJar.getParent(), concurrent));
        md.add("");
        md.add("| recordings | first miss ms | following: median ms | p90 | max | nearest named right | " + concurrent
                + " at once: s to all answered | heap before → after first miss | load avg |");
        md.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            md.add(String.format(Locale.ROOT, "| %,d | %.1f | %.2f | %.2f | %.2f | %s | %.2f (%d answered) | %.1f → %.1f MiB | %s |", r.count(), r.firstMs(),
                    r.medianMs(), r.p90Ms(), r.maxMs(), r.nearestOk(), r.concurrentSeconds(), r.concurrentAnswered(), r.heapBefore() / 1048576.0,
                    r.heapAfter() / 1048576.0, r.load()));
        }
        md.add("");
        if (rows.size() >= 2) {
            Row small = rows.get(0);
            Row large = rows.get(rows.size() - 1);
            double perRecording = ((large.heapAfter() - large.heapBefore()) - (small.heapAfter() - small.heapBefore()))
                    / (double) (large.count() - small.count());
            md.add(String.format(Locale.ROOT, "What the first miss adds to the heap, per recording (the slope between %,d and %,d recordings,"
                    + " so that the miss path's own one-off allocations cancel): **%.0f bytes**.", small.count(), large.count(), perRecording));
            md.add("");
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, String.join("\n", md) + "\n");
        System.out.println(String.join("\n", md));
    }

    /** True when the explanation names a nearest recording that differs from the request in its user field alone. */
    static boolean isOneFieldApart(String message) {
        List<String> diff = message.lines().map(String::strip).filter(l -> (l.startsWith("- ") || l.startsWith("+ "))
                && !l.startsWith("- is the recording")).toList();
        return diff.size() == 2 && diff.get(0).startsWith("- user: \"bench-") && diff.get(1).startsWith("+ user: \"again-");
    }

    private static byte[] changed(byte[] body, String user) {
        String s = new String(body, StandardCharsets.UTF_8);
        String changed = s.replaceFirst("\"user\":\"bench-\\d+\"", "\"user\":\"" + user + "\"");
        if (changed.equals(s)) {
            throw new IllegalStateException("no user field in a workload body");
        }
        return changed.getBytes(StandardCharsets.UTF_8);
    }

    private static double miss(int port, byte[] body, String expect) throws IOException {
        long t0 = System.nanoTime();
        String message = missMessage(port, body);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (!message.contains("nearest recording")) {
            throw new IllegalStateException("not a miss explanation: " + message);
        }
        return ms;
    }

    private static String missMessage(int port, byte[] body) throws IOException {
        try (HttpConnection c = new HttpConnection(port, 120_000)) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            c.output().write(HttpConnection.post(port, Workload.PATH, body, false));
            c.output().flush();
            int status = c.readResponse(null, answer);
            if (status != 404) {
                throw new IllegalStateException("expected a 404 miss, got " + status + ": " + answer);
            }
            try {
                return dev.replay4j.internal.json.Json.parse(answer.toByteArray()).at("/error/message").asText();
            } catch (dev.replay4j.internal.json.JsonFormatException e) {
                throw new IllegalStateException("a miss answer that is not JSON: " + answer, e);
            }
        }
    }

    /** {seconds until every one answered, how many answered 404}: {@code n} clients, one miss each, released at once. */
    private static double[] concurrentMisses(int port, Workload.Built w, int n) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger answered = new AtomicInteger();
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            byte[] body = changed(w.bodies().get(i % w.count()), "all-at-once-" + i);
            threads[i] = new Thread(() -> {
                try (HttpConnection c = new HttpConnection(port, 120_000)) {
                    byte[] request = HttpConnection.post(port, Workload.PATH, body, false);
                    ready.countDown();
                    go.await();
                    if (c.exchange(request, null) == 404) {
                        answered.incrementAndGet();
                    }
                } catch (IOException | InterruptedException e) {
                    ready.countDown();
                }
            });
            threads[i].start();
        }
        ready.await(60, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join(180_000);
        }
        return new double[] {(System.nanoTime() - t0) / 1e9, answered.get()};
    }

    private long heapAfterGc(long pid) throws IOException, InterruptedException {
        exec(jcmd, Long.toString(pid), "GC.run");
        String heap = exec(jcmd, Long.toString(pid), "GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(heap);
        if (!m.find()) {
            throw new IllegalStateException("no 'used NK' in jcmd GC.heap_info:\n" + heap);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private static String exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void log(String format, Object... args) {
        System.err.println("[miss-bench] " + String.format(Locale.ROOT, format, args));
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.bench.replay;

import dev.replay4j.bench.BenchArgs;
import dev.replay4j.fakeupstream.testing.HttpConnection;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Performance as a user's test run sees it, measured with {@code wrk} (an independent C load generator) beside the
 * harness's own Java {@link LoadGenerator}: fresh processes after 3 s and 15 s of load, the first 1,000 requests of
 * a fresh process, 1/16/64/256 connections, 1,000 idle keep-alive connections held while others are served, and
 * what each generator costs in CPU. Every comparison is a ratio to the bare JDK server measured in the same slices;
 * every figure carries the load average it was measured under. Writes a Markdown section; run by {@code bench/run.sh}.
 *
 * <pre>java -cp benchmarks.jar dev.replay4j.bench.replay.ShortRunBench shared=../shared work=DIR cliJar=JAR selfJar=JAR out=FILE [quick=true]
 *     [sections=short,first,connections,idle] [reps=N] [firstReps=N] [rounds=N]</pre>
 */
public final class ShortRunBench {
    private static final long TICKS_PER_SECOND = 100; // USER_HZ of /proc/<pid>/stat on Linux

    private final BenchArgs options;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final List<String> md = new ArrayList<>();
    private final List<String[]> targets = new ArrayList<>();
    private Path work;
    private Path cliJar;
    private Path selfJar;
    private Path fixedFile;
    private Workload.Built workload;
    private Wrk wrk;
    private boolean quick;

    private ShortRunBench(String[] args) {
        options = BenchArgs.parse(args);
    }

    public static void main(String[] args) throws Exception {
        new ShortRunBench(args).run();
    }

    private void run() throws Exception {
        Path sample = Path.of(options.get("shared", null)).resolve("conformance/llama-stack");
        work = Path.of(options.get("work", null)).toAbsolutePath();
        cliJar = Path.of(options.get("cliJar", null)).toAbsolutePath();
        selfJar = Path.of(options.get("selfJar", null)).toAbsolutePath();
        Path out = Path.of(options.get("out", null));
        quick = Boolean.parseBoolean(options.get("quick", "false"));
        int count = Integer.parseInt(options.get("count", "1000"));
        String wrkVersion = Wrk.version();
        if (wrkVersion == null) {
            throw new IllegalStateException("wrk is not on the PATH (Debian: apt-get install wrk; bench/run.sh installs it)");
        }
        Files.createDirectories(work);
        Path dir = work.resolve("short-recordings-" + count);
        if (Files.exists(dir)) {
            ReplayBench.deleteTree(dir);
        }
        workload = Workload.build(dir, Workload.base(sample, 100), count);
        fixedFile = work.resolve("short-fixed-body.json");
        Files.write(fixedFile, Workload.typicalAnswer(workload));
        wrk = new Wrk(work.resolve("wrk"), workload.bodies());
        md.add(String.format(Locale.ROOT, "Generators: `%s` (`-t1` for 1 connection, else `-t2`; Lua script sending the %,d request"
                + " bodies round-robin) and the harness's Java `LoadGenerator` (raw sockets, one thread a connection). Servers: `bare`,"
                + " the JDK `HttpServer` answering a fixed %,d-byte body with its default limits (`-Dsun.net.httpserver.nodelay=true` only);"
                + " `bare, raised`, the same with the limits replay4j raises (`-Dsun.net.httpserver.maxIdleConnections=%s`);"
                + " `bare, pooled` (connections table), raised and with a thread pool as its executor"
                + " (`Executors.newCachedThreadPool`), as a server that may wait on a client or an upstream must run;"
                + " `serve`, `java -jar replay4j.jar serve` over %,d recordings (replay; the ReplayBench workload: chat completions of the conformance sample, 45%% streaming). Each in its"
                + " own JVM. Mode: %s.", wrkVersion, count, Files.size(fixedFile), RAISED_IDLE, count,
                quick ? "quick (`quick=true`: fewer repetitions, shorter slices)" : "full"));
        md.add("");

        List<String> sections = List.of(options.get("sections", "short,first,connections,idle").split(","));
        if (sections.contains("short")) {
            shortRuns();
        }
        if (sections.contains("first")) {
            firstRequests();
        }
        if (sections.contains("connections")) {
            connections();
        }
        if (sections.contains("idle")) {
            idleConnections();
        }

        md.add("#### Targets of issue 17 (wrk's figures)");
        md.add("");
        md.add("| target | wanted | measured | |");
        md.add("|---|---|---:|---|");
        for (String[] t : targets) {
            md.add("| " + String.join(" | ", t) + " |");
        }
        md.add("");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, String.join("\n", md) + "\n");
        System.out.println(String.join("\n", md));
    }

    static final String RAISED_IDLE = "10000";

    private List<String> bareCmd(boolean raised) {
        return bareCmd(raised, false);
    }

    private List<String> bareCmd(boolean raised, boolean pooled) {
        List<String> cmd = new ArrayList<>(List.of(java, "-Dsun.net.httpserver.nodelay=true"));
        if (raised) {
            cmd.add("-Dsun.net.httpserver.maxIdleConnections=" + RAISED_IDLE);
        }
        cmd.addAll(List.of("-cp", selfJar.toString(), BareServer.class.getName(), "%PORT%", fixedFile.toString()));
        if (pooled) {
            cmd.add("pooled");
        }
        return cmd;
    }

    private List<String> serveCmd() {
        List<String> cmd = new ArrayList<>(List.of(java, "-Dfile.encoding=UTF-8"));
        String jvm = options.get("serveJvmArgs", "");
        if (!jvm.isBlank()) {
            cmd.addAll(List.of(jvm.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-jar", cliJar.toString(), "serve", "--dir", workload.dir().toString(), "--port", "%PORT%"));
        return cmd;
    }

    private ReplayBench.Server start(String label, List<String> cmd) throws Exception {
        ReplayBench.Server s = ReplayBench.Server.start(label, cmd, freePort(), work);
        s.awaitFirst200(workload.bodies().get(0));
        return s;
    }

    // ---- short runs: fresh processes, 3 s and 15 s of load, then measured

    private void shortRuns() throws Exception {
        int reps = Integer.parseInt(options.get("reps", quick ? "1" : "3"));
        double slice = quick ? 2 : 3;
        int slices = 2;
        md.add(String.format(Locale.ROOT, "#### Short runs: fresh processes, %d connections, wrk (each pair started together; each warmed by wrk"
                + " for the time shown, alone, the order alternating; then %d slices of %.0f s each, alternating)", 16, slices, slice));
        md.add("");
        md.add("| warm-up | run | bare req/s | bare p50 ms | serve req/s | serve p50 ms | req/s vs bare | p50 vs bare | errors | load avg |");
        md.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int warm : new int[] {3, 15}) {
            List<Double> ratios = new ArrayList<>();
            List<Double> p50s = new ArrayList<>();
            for (int rep = 0; rep < reps; rep++) {
                String load = loadAverage();
                try (ReplayBench.Server bare = start("short-bare", bareCmd(false)); ReplayBench.Server serve = start("short-serve", serveCmd())) {
                    List<ReplayBench.Server> order = rep % 2 == 0 ? List.of(bare, serve) : List.of(serve, bare);
                    for (ReplayBench.Server s : order) {
                        log("short run: warm %s %d s", s.label, warm);
                        wrk.run(s.label, s.port, Workload.PATH, 16, warm);
                    }
                    List<Wrk.Result> b = new ArrayList<>();
                    List<Wrk.Result> r = new ArrayList<>();
                    for (int i = 0; i < slices; i++) {
                        for (ReplayBench.Server s : (i + rep) % 2 == 0 ? List.of(bare, serve) : List.of(serve, bare)) {
                            Wrk.Result res = wrk.run(s.label, s.port, Workload.PATH, 16, slice);
                            (s == bare ? b : r).add(res);
                        }
                    }
                    Wrk.Result bm = merge(b);
                    Wrk.Result rm = merge(r);
                    double ratio = rm.requestsPerSecond() / bm.requestsPerSecond();
                    double p50 = rm.p50Millis() / bm.p50Millis();
                    ratios.add(ratio);
                    p50s.add(p50);
                    md.add(String.format(Locale.ROOT, "| %d s | %d | %,.0f | %.3f | %,.0f | %.3f | **%.2f** | %.2f | %d | %s → %s |", warm, rep + 1,
                            bm.requestsPerSecond(), bm.p50Millis(), rm.requestsPerSecond(), rm.p50Millis(), ratio, p50,
                            bm.errors() + rm.errors(), load, loadAverage()));
                }
            }
            double m = median(ratios);
            double p = median(p50s);
            double wanted = warm == 3 ? 0.70 : 0.90;
            target("wrk, 16 connections, " + warm + " s warm-up of fresh processes: req/s vs bare (median of " + reps + ")",
                    "≥ " + fmt(wanted), fmt(m), m >= wanted);
            target("the same: p50 vs bare", "≤ 1.30", fmt(p), p <= 1.3);
        }
        md.add("");
    }

    // ---- the first 1,000 requests of a fresh process

    private void firstRequests() throws Exception {
        int reps = Integer.parseInt(options.get("firstReps", quick ? "2" : "5"));
        int n = 1000;
        md.add("#### The first 1,000 requests of a fresh process (Java generator: wrk cannot stop at a count; 16 connections)");
        md.add("");
        md.add("From process start to the first answered request (one connection, polling), then the time to answer the next "
                + "1,000 (16 connections, the workload's bodies in turn). Fresh processes, bare and serve alternating; medians.");
        md.add("");
        md.add("| server | to first answer, ms | next 1,000 requests, ms | every run (ms) | load avg |");
        md.add("|---|---:|---:|---|---:|");
        List<Double> bareFirst = new ArrayList<>();
        List<Double> bareThousand = new ArrayList<>();
        List<Double> serveFirst = new ArrayList<>();
        List<Double> serveThousand = new ArrayList<>();
        String load = loadAverage();
        for (int rep = 0; rep < reps; rep++) {
            for (boolean isBare : rep % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                try (ReplayBench.Server s = ReplayBench.Server.start(isBare ? "first-bare" : "first-serve", isBare ? bareCmd(false) : serveCmd(),
                        freePort(), work)) {
                    double first = s.awaitFirst200(workload.bodies().get(0));
                    double thousand = countedRun(s.port, workload.bodies(), n, 16);
                    (isBare ? bareFirst : serveFirst).add(first);
                    (isBare ? bareThousand : serveThousand).add(thousand);
                }
            }
        }
        md.add(String.format(Locale.ROOT, "| bare | %.0f | %.0f | %s | %s → %s |", median(bareFirst), median(bareThousand),
                list(bareThousand), load, loadAverage()));
        md.add(String.format(Locale.ROOT, "| serve | %.0f | %.0f | %s | |", median(serveFirst), median(serveThousand), list(serveThousand)));
        md.add(String.format(Locale.ROOT, "| serve vs bare | %.2f | **%.2f** | | |", median(serveFirst) / median(bareFirst),
                median(serveThousand) / median(bareThousand)));
        md.add("");
        targets.add(new String[] {"the first 1,000 requests of a fresh process: time vs bare (Java generator)", "no target",
                fmt(median(serveThousand) / median(bareThousand)), "—"});
    }

    /** Milliseconds to get {@code n} answers over {@code connections} connections; any non-200 fails the run. */
    static double countedRun(int port, List<byte[]> bodies, int n, int connections) throws InterruptedException {
        List<byte[]> requests = new ArrayList<>();
        for (byte[] b : bodies) {
            requests.add(HttpConnection.post(port, Workload.PATH, b, false));
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        Thread[] threads = new Thread[connections];
        long t0 = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            threads[c] = new Thread(() -> {
                try (HttpConnection conn = new HttpConnection(port, 30_000)) {
                    int i;
                    while ((i = next.getAndIncrement()) < n) {
                        if (conn.exchange(requests.get(i % requests.size()), null) != 200) {
                            failures.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    failures.incrementAndGet();
                }
            });
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " failures in the first " + n + " requests");
        }
        return ms;
    }

    // ---- connections: 1, 16, 64, 256, on warm servers; and the two generators at 16

    private void connections() throws Exception {
        int rounds = Integer.parseInt(options.get("rounds", quick ? "2" : "4"));
        double slice = quick ? 2 : 3;
        double warm = quick ? 8 : 15;
        md.add(String.format(Locale.ROOT, "#### Connections, warm servers (each warmed %.0f s by wrk at 16 connections; then per count"
                + " %d rounds of one %.0f s slice per server, the order rotating)", warm, rounds, slice));
        md.add("");
        md.add("| connections | generator | server | req/s | vs bare | p50 ms | p50 vs bare | p99 ms | errors | generator CPU (cores) | server CPU (cores) | load avg |");
        md.add("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Map<String, ReplayBench.Server> servers = new LinkedHashMap<>();
        try {
            servers.put("bare", start("conn-bare", bareCmd(false)));
            servers.put("bare, raised", start("conn-bare-raised", bareCmd(true)));
            servers.put("bare, pooled", start("conn-bare-pooled", bareCmd(true, true)));
            servers.put("serve", start("conn-serve", serveCmd()));
            for (ReplayBench.Server s : servers.values()) {
                wrk.run(s.label, s.port, Workload.PATH, 16, warm);
            }
            for (int c : new int[] {1, 16, 64, 256}) {
                Map<String, List<Wrk.Result>> got = new LinkedHashMap<>();
                Map<String, Double> serverCpu = new LinkedHashMap<>();
                String load = loadAverage();
                List<String> labels = new ArrayList<>(servers.keySet());
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < labels.size(); i++) {
                        String label = labels.get((i + r) % labels.size());
                        ReplayBench.Server s = servers.get(label);
                        double cpu0 = cpuSeconds(s.pid());
                        got.computeIfAbsent(label, k -> new ArrayList<>()).add(wrk.run(label, s.port, Workload.PATH, c, slice));
                        serverCpu.merge(label, cpuSeconds(s.pid()) - cpu0, Double::sum);
                    }
                }
                Wrk.Result bare = merge(got.get("bare"));
                for (String label : labels) {
                    Wrk.Result m = merge(got.get(label));
                    md.add(row(c, "wrk", label, m.requestsPerSecond(), bare.requestsPerSecond(), m.p50Millis(), bare.p50Millis(), m.p99Millis(),
                            m.errors() + (m.errorDetail() != null ? " (" + m.errorDetail() + ")" : ""), m.generatorCpuSeconds() / m.seconds(),
                            serverCpu.get(label) / m.seconds(), label.equals("bare") ? load + " → " + loadAverage() : ""));
                }
                if (c == 256) {
                    Wrk.Result serve = merge(got.get("serve"));
                    Wrk.Result raised = merge(got.get("bare, raised"));
                    target("wrk, 256 connections: errors of serve", "0", Long.toString(serve.errors()), serve.errors() == 0);
                    target("wrk, 256 connections: serve req/s vs bare (JDK defaults)", "≥ 0.80", fmt(serve.requestsPerSecond() / bare.requestsPerSecond()),
                            serve.requestsPerSecond() / bare.requestsPerSecond() >= 0.8);
                    targets.add(new String[] {"the same vs the bare server with raised limits", "(reported)",
                            fmt(serve.requestsPerSecond() / raised.requestsPerSecond()), "—"});
                }
                if (c == 16) {
                    Wrk.Result serve = merge(got.get("serve"));
                    Wrk.Result pooled = merge(got.get("bare, pooled"));
                    targets.add(new String[] {"wrk, 16 connections, warm: bare, pooled vs bare (what a thread pool alone costs)", "(reported)",
                            fmt(pooled.requestsPerSecond() / bare.requestsPerSecond()), "—"});
                    targets.add(new String[] {"the same: serve vs bare, pooled", "(reported)",
                            fmt(serve.requestsPerSecond() / pooled.requestsPerSecond()), "—"});
                    javaGenerator(servers, rounds, slice, got);
                }
            }
        } finally {
            for (ReplayBench.Server s : servers.values()) {
                s.close();
            }
        }
        md.add("");
    }

    /** The same servers at 16 connections with the Java generator, in slices interleaved the same way: which generator says what. */
    private void javaGenerator(Map<String, ReplayBench.Server> servers, int rounds, double slice, Map<String, List<Wrk.Result>> wrkResults)
            throws Exception {
        Map<String, List<LoadGenerator.Result>> got = new LinkedHashMap<>();
        Map<String, Double> genCpu = new LinkedHashMap<>();
        Map<String, Double> serverCpu = new LinkedHashMap<>();
        String load = loadAverage();
        List<String> labels = List.of("bare", "serve");
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < labels.size(); i++) {
                String label = labels.get((i + r) % labels.size());
                ReplayBench.Server s = servers.get(label);
                double cpu0 = cpuSeconds(s.pid());
                long own0 = os.getProcessCpuTime();
                got.computeIfAbsent(label, k -> new ArrayList<>()).add(LoadGenerator.run(label, s.port, Workload.PATH, workload.bodies(), 16, 0.25, slice));
                genCpu.merge(label, (os.getProcessCpuTime() - own0) / 1e9, Double::sum);
                serverCpu.merge(label, cpuSeconds(s.pid()) - cpu0, Double::sum);
            }
        }
        LoadGenerator.Result bare = LoadGenerator.Result.merge(got.get("bare"));
        for (String label : labels) {
            LoadGenerator.Result m = LoadGenerator.Result.merge(got.get(label));
            // The generator's CPU includes its 0.25 s warm-up per slice; the time it ran is slice + 0.25.
            double ran = m.seconds() * (slice + 0.25) / slice;
            md.add(row(16, "Java", label, m.requestsPerSecond(), bare.requestsPerSecond(), m.p50Micros() / 1e3, bare.p50Micros() / 1e3,
                    m.p99Micros() / 1e3, Long.toString(m.errors()), genCpu.get(label) / ran, serverCpu.get(label) / ran,
                    label.equals("bare") ? load + " → " + loadAverage() : ""));
        }
        Wrk.Result wrkBare = merge(wrkResults.get("bare"));
        Wrk.Result wrkServe = merge(wrkResults.get("serve"));
        LoadGenerator.Result javaServe = LoadGenerator.Result.merge(got.get("serve"));
        targets.add(new String[] {"16 connections, warm: serve vs bare, wrk against Java generator (same servers, same run)", "(reported)",
                fmt(wrkServe.requestsPerSecond() / wrkBare.requestsPerSecond()) + " vs "
                        + fmt(javaServe.requestsPerSecond() / bare.requestsPerSecond()), "—"});
    }

    private static String row(int c, String generator, String label, double rps, double bareRps, double p50, double bareP50, double p99,
                              String errors, double genCores, double serverCores, String load) {
        return String.format(Locale.ROOT, "| %d | %s | %s | %,.0f | %.2f | %.3f | %.2f | %.3f | %s | %.2f | %.2f | %s |", c, generator, label, rps,
                rps / bareRps, p50, p50 / bareP50, p99, errors, genCores, serverCores, load);
    }

    // ---- 1,000 idle keep-alive connections while 16 others are served

    private void idleConnections() throws Exception {
        int idle = Integer.parseInt(options.get("idle", "1000"));
        double seconds = quick ? 4 : 8;
        md.add(String.format(Locale.ROOT, "#### %,d idle keep-alive connections while 16 others are served (wrk, %.0f s)", idle, seconds));
        md.add("");
        md.add(String.format(Locale.ROOT, "Each idle connection (Java, raw socket) sends one request and reads its answer, then stays open; wrk"
                + " then loads the server on 16 connections of its own; then every idle connection sends a second request: the ones"
                + " the server closed meanwhile fail. Fresh, warmed servers (%s s of wrk first).", quick ? "5" : "10"));
        md.add("");
        md.add("| server | idle connections still served | wrk req/s with them open | errors (wrk) | load avg |");
        md.add("|---|---:|---:|---|---:|");
        for (String label : List.of("bare", "bare, raised", "serve")) {
            String load = loadAverage();
            try (ReplayBench.Server s = start("idle-" + label.replace(", ", "-"),
                    label.equals("serve") ? serveCmd() : bareCmd(label.equals("bare, raised")))) {
                wrk.run(label, s.port, Workload.PATH, 16, quick ? 5 : 10);
                List<HttpConnection> open = new ArrayList<>();
                byte[] request = HttpConnection.post(s.port, Workload.PATH, workload.bodies().get(0), false);
                int firstFailed = 0;
                try {
                    for (int i = 0; i < idle; i++) {
                        try {
                            HttpConnection c = new HttpConnection(s.port, 30_000);
                            open.add(c);
                            if (c.exchange(request, null) != 200) {
                                firstFailed++;
                            }
                        } catch (IOException e) {
                            firstFailed++;
                        }
                    }
                    Wrk.Result r = wrk.run(label, s.port, Workload.PATH, 16, seconds);
                    int served = 0;
                    for (HttpConnection c : open) {
                        try {
                            if (c.exchange(request, null) == 200) {
                                served++;
                            }
                        } catch (IOException e) {
                            // closed by the server while idle
                        }
                    }
                    md.add(String.format(Locale.ROOT, "| %s | %,d of %,d%s | %,.0f | %s | %s → %s |", label, served, idle,
                            firstFailed > 0 ? " (" + firstFailed + " failed their first request)" : "", r.requestsPerSecond(),
                            r.errors() + (r.errorDetail() != null ? " (" + r.errorDetail() + ")" : ""), load, loadAverage()));
                    if (label.equals("serve")) {
                        target(String.format(Locale.ROOT, "%,d idle keep-alive connections: all still served by serve, and wrk without errors", idle),
                                "all, 0", served + ", " + r.errors(), served == idle && r.errors() == 0 && firstFailed == 0);
                    }
                } finally {
                    for (HttpConnection c : open) {
                        c.close();
                    }
                }
            }
        }
        md.add("");
    }

    // ---- helpers

    private static Wrk.Result merge(List<Wrk.Result> slices) {
        double seconds = 0;
        double requests = 0;
        double p50 = 0;
        double p99 = 0;
        long socket = 0;
        long non2xx = 0;
        double cpu = 0;
        List<String> details = new ArrayList<>();
        for (Wrk.Result r : slices) {
            seconds += r.seconds();
            requests += r.requestsPerSecond() * r.seconds();
            socket += r.socketErrors();
            non2xx += r.non2xx();
            cpu += r.generatorCpuSeconds();
            if (r.errorDetail() != null) {
                details.add(r.errorDetail());
            }
        }
        // wrk gives percentiles per run, not its samples: the median of the slices' p50s (and p99s).
        List<Double> p50s = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        for (Wrk.Result r : slices) {
            p50s.add(r.p50Millis());
            p99s.add(r.p99Millis());
        }
        p50 = median(p50s);
        p99 = median(p99s);
        Wrk.Result first = slices.get(0);
        return new Wrk.Result(first.label(), first.connections(), seconds, requests / seconds, p50, p99, socket, non2xx,
                details.isEmpty() ? null : String.join("; ", details), cpu);
    }

    /** User + system CPU seconds of a process so far. */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) TICKS_PER_SECOND;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private void target(String what, String wanted, String measured, boolean met) {
        targets.add(new String[] {what, wanted, measured, met ? "met" : "**missed**"});
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String list(List<Double> values) {
        List<String> out = new ArrayList<>();
        for (double v : values) {
            out.add(String.format(Locale.ROOT, "%.0f", v));
        }
        return String.join(", ", out);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static void log(String format, Object... args) {
        System.err.println("[short-run-bench] " + String.format(Locale.ROOT, format, args));
    }
}

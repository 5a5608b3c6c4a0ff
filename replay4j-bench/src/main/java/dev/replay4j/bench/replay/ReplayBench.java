// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.bench.replay;

import dev.replay4j.bench.BenchArgs;
import dev.replay4j.fakeupstream.testing.HttpConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The replay benchmark, all in one run: the bare JDK server, replay4j {@code serve} (replay) at 100, 1,000
 * and 3,000 recordings and WireMock standalone at 1,000 stubs under the same closed-loop load; startup to the
 * first answered request; heap after a full GC with recordings never requested; record-mode time to first
 * chunk. Writes a Markdown section with every figure, its ratio to the bare server of the same run, and
 * pass/fail against each target. Run by {@code bench/run.sh}.
 *
 * <pre>java -cp benchmarks.jar dev.replay4j.bench.replay.ReplayBench key=value...</pre>
 */
public final class ReplayBench {
    private final BenchArgs options;
    private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    private final List<String> md = new ArrayList<>();
    private final List<String[]> targets = new ArrayList<>();
    private Path work;

    private ReplayBench(String[] args) {
        options = BenchArgs.parse(args);
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        new ReplayBench(args).run();
    }

    private void run() throws Exception {
        Path sample = Path.of(options.get("shared", null)).resolve("conformance/llama-stack");
        work = Path.of(options.get("work", null)).toAbsolutePath();
        Path cliJar = Path.of(options.get("cliJar", null)).toAbsolutePath();
        Path wiremockJar = Path.of(options.get("wiremockJar", null)).toAbsolutePath();
        Path selfJar = Path.of(options.get("selfJar", null)).toAbsolutePath();
        Path out = Path.of(options.get("out", null));
        int connections = Integer.parseInt(options.get("connections", "16"));
        double warmup = Double.parseDouble(options.get("warmup", "5"));
        double measure = Double.parseDouble(options.get("measure", "10"));
        int startups = Integer.parseInt(options.get("startups", "3"));
        int baseSize = Integer.parseInt(options.get("base", "100"));
        int[] counts = Arrays.stream(options.get("counts", "100,1000,3000").split(",")).mapToInt(Integer::parseInt).toArray();
        int wiremockCount = Integer.parseInt(options.get("wiremockCount", "1000"));
        deleteTree(work);
        Files.createDirectories(work);

        // ---- workloads
        log("workload: %d base exchanges from %s", baseSize, sample);
        List<Workload.Exchange> base = Workload.base(sample, baseSize);
        Map<Integer, Workload.Built> workloads = new LinkedHashMap<>();
        for (int n : counts) {
            long t = System.nanoTime();
            workloads.put(n, Workload.build(work.resolve("recordings-" + n), base, n));
            log("  %d recordings written and checked in %.1f s", n, (System.nanoTime() - t) / 1e9);
        }
        Workload.Built w1000 = workloads.get(wiremockCount);
        Workload.Built wSmall = workloads.get(counts[0]);
        Workload.Built wLarge = workloads.get(counts[counts.length - 1]);
        if (options.get("only", "").equals("workload")) {
            return; // the recordings alone, for bench/flat.sh
        }
        if (options.get("only", "").equals("ttfb")) {
            for (Ttfb t : recordTtfb(cliJar, Integer.parseInt(options.get("ttfbRequests", "100")), ttfbStages())) {
                log("after %d requests: direct %.2f ms, proxied %.2f ms (medians), %+.2f ms", t.warmedUp(), t.direct50(),
                        t.proxied50(), t.overhead());
            }
            return;
        }
        if (options.get("only", "").equals("replay")) {
            // For profiling: replay4j alone at the WireMock count (e.g. serveJvmArgs=-XX:StartFlightRecording=filename=x.jfr).
            try (Server s = Server.start("replay4j-only", serveCmd(cliJar, w1000.dir(), List.of()), freePort(), work)) {
                s.awaitFirst200(w1000.bodies().get(0));
                load("replay4j serve, " + wiremockCount + " recordings", s, w1000.bodies(), connections, warmup, measure);
            }
            return;
        }
        Path wiremockRoot = work.resolve("wiremock-" + wiremockCount);
        Workload.writeWireMockStubs(w1000, wiremockRoot);
        byte[] fixed = Workload.typicalAnswer(w1000);
        Path fixedFile = work.resolve("fixed-body.json");
        Files.write(fixedFile, fixed);
        md.add("### Workload");
        md.add("");
        md.add(String.format(Locale.ROOT, "%d chat completions of the conformance sample (%d streaming, answered as SSE),"
                + " spread evenly over its %s, repeated with `\"user\": \"bench-<n>\"` to make %s distinct recordings (java layout,"
                + " no test id); `POST %s`, round-robin over all of a workload's bodies. Mean request body %.0f bytes, mean answer"
                + " %.0f bytes; the bare server answers a fixed %d-byte body (the answer nearest that mean). %s on disk for %d recordings.",
                base.size(), base.stream().filter(Workload.Exchange::streaming).count(), "replayable ones",
                joinCounts(counts), Workload.PATH, meanBytes(w1000.bodies()), Workload.meanAnswerBytes(w1000), fixed.length,
                mib(treeSize(wLarge.dir())), wLarge.count()));
        md.add("");

        List<String> bareCmd = List.of(java.toString(), "-Dsun.net.httpserver.nodelay=true", "-cp", selfJar.toString(),
                BareServer.class.getName(), "%PORT%", fixedFile.toString());
        if (options.get("only", "").equals("load")) {
            LoadRun run = interleavedLoad(cliJar, bareCmd, workloads, w1000, wSmall, wLarge, connections, warmup, measure);
            for (Map.Entry<Integer, LoadGenerator.Result> e : run.replay().entrySet()) {
                log("replay4j at %,d recordings: %.2f of bare", e.getKey(), e.getValue().requestsPerSecond() / run.bare().requestsPerSecond());
            }
            log("%,d vs %,d recordings: %.2f; control %.2f", wLarge.count(), wSmall.count(),
                    run.replay().get(wLarge.count()).requestsPerSecond() / run.replay().get(wSmall.count()).requestsPerSecond(),
                    run.control().get(wLarge.count()).requestsPerSecond() / run.control().get(wSmall.count()).requestsPerSecond());
            return;
        }
        if (options.get("only", "").equals("startup")) {
            Startup st = startup(cliJar, bareCmd, wLarge, startups);
            log("startup medians: bare %.0f ms, serve %.0f ms (%.2fx), serve with CDS %.0f ms (%.2fx)", median(st.bare()),
                    median(st.serve()), median(st.serve()) / median(st.bare()), median(st.cds()), median(st.cds()) / median(st.bare()));
            return;
        }

        // ---- startup and memory
        Startup startup = startup(cliJar, bareCmd, wLarge, startups);
        List<Double> cdsStart = startup.cds();
        List<Double> bareStart = startup.bare();
        List<Double> serveStart = startup.serve();
        long[] memLarge = startup.memory();
        long[] memSmall;
        try (Server s = Server.start("serve-mem", serveCmd(cliJar, wSmall.dir(), List.of()), freePort(), work)) {
            s.awaitFirst200(wSmall.bodies().get(0));
            memSmall = memory(s.pid());
        }
        double bareStartMs = median(bareStart);
        double serveStartMs = median(serveStart);
        log("  bare %s ms, serve %s ms", bareStart, serveStart);

        // ---- load
        LoadRun loads = interleavedLoad(cliJar, bareCmd, workloads, w1000, wSmall, wLarge, connections, warmup, measure);
        List<LoadGenerator.Result> results = loads.results();
        LoadGenerator.Result bare = loads.bare();
        Map<Integer, LoadGenerator.Result> replay = loads.replay();
        Map<Integer, LoadGenerator.Result> control = loads.control();
        int rounds = loads.rounds();
        LoadGenerator.Result wiremock;
        double wiremockStartMs;
        List<String> wmCmd = List.of(java.toString(), "-jar", wiremockJar.toString(), "--port", "%PORT%", "--root-dir",
                wiremockRoot.toString(), "--no-request-journal", "--disable-request-logging", "--disable-banner");
        try (Server s = Server.start("wiremock", wmCmd, freePort(), work)) {
            wiremockStartMs = s.awaitFirst200(w1000.bodies().get(0));
            wiremock = load("WireMock 3.13.1 standalone, " + wiremockCount + " stubs", s, w1000.bodies(), connections, warmup, measure);
            results.add(wiremock);
        }

        // ---- record mode
        log("record mode: time to first chunk, direct and through serve --mode record");
        List<Ttfb> ttfbs = recordTtfb(cliJar, Integer.parseInt(options.get("ttfbRequests", "100")), ttfbStages());
        Ttfb ttfb = ttfbs.get(ttfbs.size() - 1);

        // ---- tables
        md.add(String.format(Locale.ROOT, "### Throughput and latency (%d keep-alive connections, closed loop; %.0f s warm-up, then %.0f s measured"
                + " each in %d interleaved slices; WireMock alone afterwards, %.0f s + %.0f s)", connections, warmup, measure, rounds, warmup, measure));
        md.add("");
        md.add("| server | req/s | vs bare | p50 ms | p50 vs bare | p99 ms | answer bytes (mean) | errors |");
        md.add("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (LoadGenerator.Result r : results) {
            md.add(String.format(Locale.ROOT, "| %s | %,.0f | %.2f | %.3f | %.2f | %.3f | %,.0f | %d |", r.label(), r.requestsPerSecond(),
                    r.requestsPerSecond() / bare.requestsPerSecond(), r.p50Micros() / 1e3, r.p50Micros() / bare.p50Micros(),
                    r.p99Micros() / 1e3, r.meanBodyBytes(), r.errors()));
        }
        md.add("");
        LoadGenerator.Result r1000 = replay.get(wiremockCount);
        LoadGenerator.Result rSmall = replay.get(counts[0]);
        LoadGenerator.Result rLarge = replay.get(counts[counts.length - 1]);
        target("replay4j at " + wiremockCount + " recordings: req/s vs bare", "≥ 0.50",
                fmt(r1000.requestsPerSecond() / bare.requestsPerSecond()), r1000.requestsPerSecond() / bare.requestsPerSecond() >= 0.5);
        target("replay4j at " + wiremockCount + " recordings: req/s vs WireMock", "≥ 30",
                fmt(r1000.requestsPerSecond() / wiremock.requestsPerSecond()), r1000.requestsPerSecond() / wiremock.requestsPerSecond() >= 30);
        target("replay4j at " + wiremockCount + " recordings: p50 vs bare", "≤ 2",
                fmt(r1000.p50Micros() / bare.p50Micros()), r1000.p50Micros() / bare.p50Micros() <= 2);
        double flat = rLarge.requestsPerSecond() / rSmall.requestsPerSecond();
        target("req/s at " + wLarge.count() + " recordings vs " + wSmall.count(), "within 10% (0.90–1.10)", fmt(flat),
                flat >= 0.9 && flat <= 1.1);
        double controlFlat = control.get(wLarge.count()).requestsPerSecond() / control.get(wSmall.count()).requestsPerSecond();
        targets.add(new String[] {"control: the bare server's req/s with " + wLarge.count() + " request bodies vs " + wSmall.count()
                + " (the load generator's and the kernel's share of the effect above)", "—", fmt(controlFlat), "no target"});
        double flatP50 = rLarge.p50Micros() / rSmall.p50Micros();
        target("p50 at " + wLarge.count() + " recordings vs " + wSmall.count(), "within 10% (0.90–1.10)", fmt(flatP50),
                flatP50 >= 0.9 && flatP50 <= 1.1);
        target("startup to first answer: serve over " + wLarge.count() + " recordings vs bare server", "≤ 2",
                fmt(serveStartMs / bareStartMs) + String.format(Locale.ROOT, " (%.0f ms vs %.0f ms)", serveStartMs, bareStartMs),
                serveStartMs / bareStartMs <= 2);
        long heapGrowth = memLarge[0] - memSmall[0];
        target("heap used after full GC: " + wLarge.count() + " vs " + wSmall.count() + " recordings never requested",
                "no growth (< 1 MiB)", String.format(Locale.ROOT, "%+.2f MiB", heapGrowth / 1048576.0), heapGrowth < 1048576);
        target("record mode: time to first chunk through serve minus the upstream's own (median, after " + ttfb.warmedUp()
                + " requests)", "≤ 2 ms", String.format(Locale.ROOT, "%+.2f ms", ttfb.overhead()), ttfb.overhead() <= 2.0);
        long errors = results.stream().mapToLong(LoadGenerator.Result::errors).sum();
        target("errors (non-200 or broken responses) under load", "0", Long.toString(errors), errors == 0);

        md.add("### Startup, from process start to the first answered request (JVM included; median of " + startups + ")");
        md.add("");
        md.add("| server | median ms | every run, ms | vs bare |");
        md.add("|---|---:|---|---:|");
        md.add(String.format(Locale.ROOT, "| bare JDK HttpServer | %.0f | %s | 1.00 |", bareStartMs, list(bareStart)));
        md.add(String.format(Locale.ROOT, "| replay4j serve, %d recordings | %.0f | %s | %.2f |", wLarge.count(), serveStartMs,
                list(serveStart), serveStartMs / bareStartMs));
        if (!cdsStart.isEmpty()) {
            md.add(String.format(Locale.ROOT, "| replay4j serve, %d recordings, with an AppCDS archive (`-XX:SharedArchiveFile`; not the target's figure) | %.0f | %s | %.2f |",
                    wLarge.count(), median(cdsStart), list(cdsStart), median(cdsStart) / bareStartMs));
        }
        md.add(String.format(Locale.ROOT, "| WireMock, %d stubs (one run, for scale) | %.0f | | %.2f |", wiremockCount, wiremockStartMs,
                wiremockStartMs / bareStartMs));
        md.add("");
        md.add("### Memory of `serve` after one request and a full GC (`jcmd GC.run`, then `GC.heap_info`), the other recordings never requested");
        md.add("");
        md.add("| recordings present | heap used | RSS |");
        md.add("|---:|---:|---:|");
        md.add(String.format(Locale.ROOT, "| %d | %s | %s |", wSmall.count(), mib(memSmall[0]), mib(memSmall[1])));
        md.add(String.format(Locale.ROOT, "| %d | %s | %s |", wLarge.count(), mib(memLarge[0]), mib(memLarge[1])));
        md.add("");
        md.add(String.format(Locale.ROOT, "### Record mode: time to first SSE chunk (median of %s requests each after each number of warm-up"
                + " requests, every body distinct, so every one is recorded; direct and proxied alternate)", options.get("ttfbRequests", "100")));
        md.add("");
        md.add("| after | client → upstream, median ms | p90 | client → `serve --mode record` → upstream, median ms | p90 | difference of medians |");
        md.add("|---:|---:|---:|---:|---:|---:|");
        for (Ttfb t : ttfbs) {
            md.add(String.format(Locale.ROOT, "| %,d requests | %.2f | %.2f | %.2f | %.2f | %+.2f ms |", t.warmedUp(), t.direct50(),
                    t.direct90(), t.proxied50(), t.proxied90(), t.overhead()));
        }
        md.add("");
        md.add("### Targets");
        md.add("");
        md.add("| target | wanted | measured | |");
        md.add("|---|---|---:|---|");
        for (String[] t : targets) {
            md.add("| " + t[0] + " | " + t[1] + " | " + t[2] + " | " + t[3] + " |");
        }
        md.add("");
        for (LoadGenerator.Result r : results) {
            if (r.firstError() != null) {
                md.add("First error: " + r.firstError());
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, String.join("\n", md) + "\n");
        System.out.println(String.join("\n", md));
    }

    /** Process start to first answer: the bare server, serve, and serve with a CDS archive, alternating. */
    record Startup(List<Double> bare, List<Double> serve, List<Double> cds, long[] memory) {
    }

    private Startup startup(Path cliJar, List<String> bareCmd, Workload.Built wLarge, int startups) throws Exception {
        log("startup: bare server and serve over %d recordings, %d times each, alternating", wLarge.count(), startups);
        // A class-data-sharing archive of serve's own classes, made by one training run: not the target's
        // figure (that is the plain `java -jar`), but what a deployment could add; see docs/benchmarks.md.
        Path jsa = work.resolve("serve.jsa");
        try (Server s = Server.start("serve-cds-training", withJvm(serveCmd(cliJar, wLarge.dir(), List.of()),
                "-XX:ArchiveClassesAtExit=" + jsa), freePort(), work)) {
            s.awaitFirst200(wLarge.bodies().get(0));
        }
        List<Double> cdsStart = new ArrayList<>();
        List<Double> bareStart = new ArrayList<>();
        List<Double> serveStart = new ArrayList<>();
        long[] memLarge = null;
        for (int i = 0; i < startups; i++) {
            try (Server s = Server.start("bare-start", bareCmd, freePort(), work)) {
                bareStart.add(s.awaitFirst200(wLarge.bodies().get(0)));
            }
            try (Server s = Server.start("serve-start", serveCmd(cliJar, wLarge.dir(), List.of()), freePort(), work)) {
                serveStart.add(s.awaitFirst200(wLarge.bodies().get(0)));
                if (i == startups - 1) {
                    memLarge = memory(s.pid());
                }
            }
            if (Files.isRegularFile(jsa)) {
                try (Server s = Server.start("serve-cds-start", withJvm(serveCmd(cliJar, wLarge.dir(), List.of()),
                        "-XX:SharedArchiveFile=" + jsa), freePort(), work)) {
                    cdsStart.add(s.awaitFirst200(wLarge.bodies().get(0)));
                }
            }
        }
        return new Startup(bareStart, serveStart, cdsStart, memLarge);
    }

    /** Results of the interleaved load: every server's, the bare server's, replay4j's and the control's by count. */
    record LoadRun(List<LoadGenerator.Result> results, LoadGenerator.Result bare, Map<Integer, LoadGenerator.Result> replay,
                   Map<Integer, LoadGenerator.Result> control, int rounds) {
    }

    private LoadRun interleavedLoad(Path cliJar, List<String> bareCmd, Map<Integer, Workload.Built> workloads, Workload.Built w1000,
                                    Workload.Built wSmall, Workload.Built wLarge, int connections, double warmup, double measure)
            throws Exception {
        // The bare server and replay4j at every count, all running, measured in interleaved slices
        // (round after round, each server for one slice, the order rotating), so that the load of other work on a
        // shared machine falls on every server alike and the ratios hold.
        List<LoadGenerator.Result> results = new ArrayList<>();
        Map<String, Server> servers = new LinkedHashMap<>();
        Map<String, List<byte[]>> bodiesOf = new LinkedHashMap<>();
        Map<Integer, String> replayLabels = new LinkedHashMap<>();
        Map<Integer, String> controlLabels = new LinkedHashMap<>();
        Map<Integer, LoadGenerator.Result> control = new LinkedHashMap<>();
        String bareLabel = "bare JDK HttpServer, fixed body";
        int rounds = Integer.parseInt(options.get("rounds", "5"));
        double slice = measure / rounds;
        Map<Integer, LoadGenerator.Result> replay = new LinkedHashMap<>();
        try {
            Server bareServer = Server.start("bare", bareCmd, freePort(), work);
            servers.put(bareLabel, bareServer);
            bodiesOf.put(bareLabel, w1000.bodies());
            // A control for the flatness target: the same bare server sent the smallest and the largest workload's
            // request bodies. What changes between these two is the client's and the kernel's working set alone.
            for (Workload.Built w : List.of(wSmall, wLarge)) {
                String label = String.format(Locale.ROOT, "bare JDK HttpServer, fixed body, %,d request bodies (control)", w.count());
                controlLabels.put(w.count(), label);
                servers.put(label, bareServer);
                bodiesOf.put(label, w.bodies());
            }
            for (int n : workloads.keySet()) {
                String label = "replay4j serve, " + String.format(Locale.ROOT, "%,d", n) + " recordings";
                replayLabels.put(n, label);
                servers.put(label, Server.start("replay4j-" + n, serveCmd(cliJar, workloads.get(n).dir(), List.of()), freePort(), work));
                bodiesOf.put(label, workloads.get(n).bodies());
            }
            for (Map.Entry<String, Server> e : servers.entrySet()) {
                e.getValue().awaitFirst200(bodiesOf.get(e.getKey()).get(0));
            }
            for (Map.Entry<String, Server> e : servers.entrySet()) {
                if (controlLabels.containsValue(e.getKey())) {
                    continue; // the bare server is warmed once
                }
                log("warm-up: %s, %.0f s", e.getKey(), warmup);
                LoadGenerator.run(e.getKey(), e.getValue().port, Workload.PATH, bodiesOf.get(e.getKey()), connections, 0, warmup);
            }
            Map<String, List<LoadGenerator.Result>> slices = new LinkedHashMap<>();
            List<String> labels = new ArrayList<>(servers.keySet());
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < labels.size(); i++) {
                    String label = labels.get((i + round) % labels.size());
                    LoadGenerator.Result r = LoadGenerator.run(label, servers.get(label).port, Workload.PATH, bodiesOf.get(label),
                            connections, 0.25, slice);
                    slices.computeIfAbsent(label, k -> new ArrayList<>()).add(r);
                }
                log("round %d of %d done", round + 1, rounds);
            }
            for (String label : labels) {
                LoadGenerator.Result r = LoadGenerator.Result.merge(slices.get(label));
                log("  %s: %,.0f req/s, p50 %.3f ms, p99 %.3f ms, %d errors", label, r.requestsPerSecond(), r.p50Micros() / 1e3,
                        r.p99Micros() / 1e3, r.errors());
                results.add(r);
            }
            for (Map.Entry<Integer, String> e : replayLabels.entrySet()) {
                replay.put(e.getKey(), results.get(labels.indexOf(e.getValue())));
            }
            for (Map.Entry<Integer, String> e : controlLabels.entrySet()) {
                control.put(e.getKey(), results.get(labels.indexOf(e.getValue())));
            }
        } finally {
            for (Server s : new LinkedHashSet<>(servers.values())) {
                s.close();
            }
        }
        return new LoadRun(results, results.get(0), replay, control, rounds);
    }

    private void target(String what, String wanted, String measured, boolean met) {
        targets.add(new String[] {what, wanted, measured, met ? "met" : "**missed**"});
    }

    private List<String> serveCmd(Path cliJar, Path dir, List<String> extra) {
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Dfile.encoding=UTF-8"));
        String jvm = options.get("serveJvmArgs", "");
        if (!jvm.isBlank()) {
            cmd.addAll(Arrays.asList(jvm.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-jar", cliJar.toString(), "serve", "--dir", dir.toString(), "--port", "%PORT%"));
        cmd.addAll(extra);
        return cmd;
    }

    /** The command with a JVM option added after the java executable. */
    private static List<String> withJvm(List<String> command, String option) {
        List<String> out = new ArrayList<>(command);
        out.add(1, option);
        return out;
    }

    private LoadGenerator.Result load(String label, Server s, List<byte[]> bodies, int connections, double warmup, double measure)
            throws InterruptedException {
        log("load: %s", label);
        LoadGenerator.Result r = LoadGenerator.run(label, s.port, Workload.PATH, bodies, connections, warmup, measure);
        log("  %,.0f req/s, p50 %.3f ms, p99 %.3f ms, %d errors%s", r.requestsPerSecond(), r.p50Micros() / 1e3, r.p99Micros() / 1e3,
                r.errors(), r.firstError() != null ? " (" + r.firstError() + ")" : "");
        return r;
    }

    private int[] ttfbStages() {
        return Arrays.stream(options.get("ttfbWarmup", "200,3000").split(",")).mapToInt(v -> Integer.parseInt(v.trim())).sorted().toArray();
    }

    /** Time to first chunk after a number of warm-up requests, direct and through serve --mode record (ms). */
    record Ttfb(int warmedUp, double direct50, double proxied50, double direct90, double proxied90) {
        double overhead() {
            return proxied50 - direct50;
        }
    }

    /**
     * Measures {@code requests} pairs after each number of warm-up requests in {@code stages} (ascending), all in
     * one serve process: the first stages show a short recording session, the last the steady state.
     */
    private List<Ttfb> recordTtfb(Path cliJar, int requests, int[] stages) throws Exception {
        List<Ttfb> results = new ArrayList<>();
        int sent = 0;
        try (SlowUpstream upstream = new SlowUpstream(20);
             Server s = Server.start("record", serveCmd(cliJar, work.resolve("recorded"), List.of("--mode", "record", "--upstream",
                     "http://127.0.0.1:" + upstream.port())), freePort(), work)) {
            s.awaitReady();
            for (int stage : stages) {
                List<Double> direct = new ArrayList<>();
                List<Double> proxied = new ArrayList<>();
                while (sent < stage + requests) {
                    boolean warm = sent < stage;
                    byte[] body = ("{\"model\":\"bench\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}],"
                            + "\"user\":\"ttfb-" + sent + "\"}").getBytes(StandardCharsets.UTF_8);
                    // Alternating which goes first, so that neither always follows the other's work. Warm-up
                    // requests ask the upstream not to wait between chunks: they are there to warm the code.
                    String path = warm ? SlowUpstream.NO_DELAY_PATH : Workload.PATH;
                    double d;
                    double p;
                    if (sent % 2 == 0) {
                        d = ttfb(upstream.port(), path, body);
                        p = ttfb(s.port, path, body);
                    } else {
                        p = ttfb(s.port, path, body);
                        d = ttfb(upstream.port(), path, body);
                    }
                    sent++;
                    if (!warm) {
                        direct.add(d);
                        proxied.add(p);
                    }
                }
                log("  after %d requests: direct %s", stage, direct);
                log("  after %d requests: proxied %s", stage, proxied);
                results.add(new Ttfb(stage, median(direct), median(proxied), percentile(direct, 0.9), percentile(proxied, 0.9)));
            }
            long recorded;
            try (Stream<Path> files = Files.walk(work.resolve("recorded"))) {
                recorded = files.filter(f -> f.toString().endsWith(".json")).count();
            }
            if (recorded != sent) {
                throw new IllegalStateException("record mode wrote " + recorded + " recordings for " + sent + " requests");
            }
        }
        return results;
    }

    /** Milliseconds from writing a streaming request to reading the first {@code data:} of its answer; reads it to the end. */
    private static double ttfb(int port, String path, byte[] body) throws IOException {
        byte[] request = HttpConnection.post(port, path, body, true);
        try (HttpConnection c = new HttpConnection(port, 10_000)) {
            long t0 = System.nanoTime();
            c.output().write(request);
            c.output().flush();
            InputStream in = c.input();
            byte[] want = "data:".getBytes(StandardCharsets.US_ASCII);
            int matched = 0;
            long total = 0;
            while (matched < want.length) {
                int b = in.read();
                if (b < 0 || ++total > 1 << 20) {
                    throw new IOException("no data: line in the answer");
                }
                matched = b == want[matched] ? matched + 1 : (b == want[0] ? 1 : 0);
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            byte[] rest = new byte[8192];
            long drained = 0;
            int r;
            while ((r = in.read(rest)) > 0 && (drained += r) < 1 << 20) {
                // to the end: the recording lands before the last bytes are sent
            }
            return ms;
        }
    }

    /** {heap used after a full GC, RSS}, in bytes. */
    private long[] memory(long pid) throws IOException, InterruptedException {
        exec(jcmd.toString(), Long.toString(pid), "GC.run");
        String heap = exec(jcmd.toString(), Long.toString(pid), "GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(heap);
        if (!m.find()) {
            throw new IllegalStateException("no 'used NK' in jcmd GC.heap_info:\n" + heap);
        }
        long used = Long.parseLong(m.group(1)) * 1024;
        long rss = -1;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return new long[] {used, rss};
    }

    private static String exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 60 s");
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A server under test, in its own process; closing it stops it. */
    static final class Server implements AutoCloseable {
        final String label;
        final Process process;
        final int port;
        final long started;

        private Server(String label, Process process, int port, long started) {
            this.label = label;
            this.process = process;
            this.port = port;
            this.started = started;
        }

        static Server start(String label, List<String> command, int port, Path work) throws IOException {
            List<String> cmd = new ArrayList<>();
            for (String c : command) {
                cmd.add(c.replace("%PORT%", Integer.toString(port)));
            }
            Path log = work.resolve("logs").resolve(label + ".log");
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            long t0 = System.nanoTime();
            return new Server(label, pb.start(), port, t0);
        }

        long pid() {
            return process.pid();
        }

        /** Polls with the request until it is answered 200 (at most 60 s); milliseconds since the process started. */
        double awaitFirst200(byte[] body) throws IOException, InterruptedException {
            byte[] request = HttpConnection.post(port, Workload.PATH, body, false);
            long deadline = started + 60_000_000_000L;
            String last = "no answer";
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(label + " exited (status " + process.exitValue() + ") before answering; see its log");
                }
                int status;
                try (HttpConnection c = new HttpConnection(port, 10_000)) {
                    status = c.exchange(request, null);
                } catch (HttpConnection.ClosedAfterResponse e) {
                    status = e.status();
                } catch (IOException e) {
                    last = e.toString();
                    Thread.sleep(1);
                    continue;
                }
                if (status == 200) {
                    return (System.nanoTime() - started) / 1e6;
                }
                last = "HTTP " + status;
                Thread.sleep(5);
            }
            throw new IllegalStateException(label + " did not answer 200 within 60 s: " + last);
        }

        /** Waits until the port accepts connections (at most 60 s). */
        void awaitReady() throws InterruptedException {
            long deadline = started + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(label + " exited before listening; see its log");
                }
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return;
                } catch (IOException e) {
                    Thread.sleep(5);
                }
            }
            throw new IllegalStateException(label + " did not listen within 60 s");
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    // ---- helpers

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(sorted.size() * p)));
    }

    private static String list(List<Double> values) {
        List<String> out = new ArrayList<>();
        for (double v : values) {
            out.add(String.format(Locale.ROOT, "%.0f", v));
        }
        return String.join(", ", out);
    }

    private static String fmt(double ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String joinCounts(int[] counts) {
        List<String> out = new ArrayList<>();
        for (int c : counts) {
            out.add(String.format(Locale.ROOT, "%,d", c));
        }
        return String.join(", ", out);
    }

    private static double meanBytes(List<byte[]> values) {
        return values.stream().mapToInt(b -> b.length).average().orElse(0);
    }

    private static long treeSize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted((a, b) -> b.compareTo(a))::iterator) {
                Files.delete(p);
            }
        }
    }

    private static void log(String format, Object... args) {
        System.err.println("[replay-bench] " + String.format(Locale.ROOT, format, args));
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.suitebench;

import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.ChatBodies;
import dev.replay4j.fakeupstream.testing.Http;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole test suite as a user runs it: N JUnit tests, each one call through openai-java or LangChain4j, in a fresh
 * JVM per run ({@link SuiteRunner}), against replay4j in replay (recordings made first by the same suite in record
 * mode against the fake upstream), OkHttp's MockWebServer with TCP_NODELAY, WireMock's JUnit extension with one stub per
 * test, and a bare JDK server in the test JVM (the reference). The servers' runs alternate, round after round.
 *
 * <pre>java -cp CLASSPATH dev.replay4j.suitebench.SuiteBench work=DIR out=FILE [ns=200,2000] [rounds=3] [clients=openai-java,langchain4j,socket]
 *     [otherBuild=CHECKOUT] [jvmArgs="-XX:TieredStopAtLevel=1 ..."]</pre>
 *
 * {@code clients}: {@code socket} is {@link Calls#socket}, the client that costs nothing, whose figures are the servers'
 * own. {@code otherBuild}: the root of another checkout with its {@code replay4j} and {@code replay4j-junit5} jars built
 * ({@code bench/suite-ab.sh} makes one of a commit): its replay4j runs as a fifth server in the same rounds, on the
 * same recordings, for a change's measured worth. {@code jvmArgs}: options of every test JVM (split on spaces).
 */
public final class SuiteBench {
    private static final Pattern RESULT = Pattern.compile("RESULT tests=(\\d+) failures=(\\d+) meanMs=([0-9.NaN]+) medianMs=([0-9.NaN]+)"
            + " firstTestMs=([0-9.NaN]+) firstAnswerFromTestStartMs=([-0-9.NaN]+) firstAnswerFromPlanStartMs=([-0-9.NaN]+) totalMs=([0-9.]+)");
    private static final Map<String, String> SUITES = new LinkedHashMap<>();
    private static final String OTHER_BUILD = "replay4j, the other build";
    /** The class path of the other build's runs, or {@code null}. */
    private static String otherClassPath;
    /** Options of every test JVM. */
    private static List<String> jvmArgs = List.of();

    static {
        SUITES.put("bare JDK server (reference)", BareSuite.class.getName());
        SUITES.put("replay4j (`@Replay4jTest`, replay)", ReplaySuite.class.getName());
        SUITES.put("MockWebServer 4.12.0, TCP_NODELAY", MockWebServerSuite.class.getName());
        SUITES.put("WireMock 3.13.1 JUnit extension", WireMockSuite.class.getName());
    }

    private SuiteBench() {
    }

    record Run(int tests, double meanMs, double medianMs, double firstTestMs, double fromTestStart, double fromPlanStart, double totalMs) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (String a : args) {
            o.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        Path work = Path.of(o.get("work")).toAbsolutePath();
        Path out = Path.of(o.get("out"));
        int[] ns = Arrays.stream(o.getOrDefault("ns", "200,2000").split(",")).mapToInt(Integer::parseInt).toArray();
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
        List<String> clients = List.of(o.getOrDefault("clients", "openai-java,langchain4j,socket").split(","));
        if (o.containsKey("jvmArgs") && !o.get("jvmArgs").isBlank()) {
            jvmArgs = List.of(o.get("jvmArgs").trim().split("\\s+"));
        }
        if (o.containsKey("otherBuild")) {
            otherClassPath = otherClassPath(Path.of(o.get("otherBuild")).toAbsolutePath().normalize());
            SUITES.put(OTHER_BUILD, ReplaySuite.class.getName());
        }
        Files.createDirectories(work);
        Path answer = work.resolve("answer.json");
        Path recordings = work.resolve("recordings");
        List<String> md = new ArrayList<>();
        md.add(String.format(Locale.ROOT, "Each run: a fresh JVM (`java -cp ... SuiteRunner`, " + (jvmArgs.isEmpty() ? "default options" : "`" + String.join(" ", jvmArgs) + "`") + ") running one class of `%s` tests"
                + " (a `@ParameterizedTest`, one invocation per test) with the JUnit Platform launcher; per test, the client is built for the"
                + " test's base URL, makes one non-streaming chat completion and is closed (`socket`: one HTTP/1.1 request written on a"
                + " plain socket, the client that costs nothing, so that its figures are the servers' own). Duration of a test: JUnit's test-started to"
                + " test-finished events; the mean leaves the first test out (it pays the client's class loading; its own column). Overhead: a server's mean minus the bare server's, measured in the same rounds. The first answer is also given minus the bare server's: what the server's own start adds. %d rounds, the"
                + " servers' order rotating.", "N", rounds));
        md.add("");
        md.add("| client | N | server | mean ms per test | overhead vs bare, ms | median ms | first test ms | first answer after the first test's start, ms | the same minus bare's | after the test plan's start, ms | whole run ms | load avg |");
        md.add("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        List<String[]> targets = new ArrayList<>();
        try (FakeUpstream upstream = FakeUpstream.start()) {
            Files.writeString(answer, Http.ok(upstream.url() + "/v1/chat/completions", ChatBodies.openAi(Calls.prompt(0))));
            for (String client : clients) {
                for (int n : ns) {
                    // The recordings: the same suite once in record mode against the fake upstream.
                    Run rec = runSuite(ReplaySuite.class.getName(), n, client, answer, recordings, List.of("-Dreplay4j.mode=record",
                            "-Dreplay4j.upstream=" + upstream.url()));
                    log("%s N=%d: recorded in %.0f ms", client, n, rec.totalMs());
                    Map<String, List<Run>> runs = new LinkedHashMap<>();
                    List<String> labels = new ArrayList<>(SUITES.keySet());
                    String load = loadAverage();
                    for (int r = 0; r < rounds; r++) {
                        for (int k = 0; k < labels.size(); k++) {
                            String label = labels.get((k + r) % labels.size());
                            Run run = runSuite(SUITES.get(label), n, client, answer, recordings, List.of("-Dreplay4j.mode=replay"),
                                    label.equals(OTHER_BUILD) ? otherClassPath : System.getProperty("java.class.path"));
                            runs.computeIfAbsent(label, x -> new ArrayList<>()).add(run);
                            log("%s N=%d %s: mean %.3f ms, first answer %.1f ms after the test started", client, n, label, run.meanMs(),
                                    run.fromTestStart());
                        }
                    }
                    String loadAfter = loadAverage();
                    double bare = median(runs.get(labels.get(0)), Run::meanMs);
                    // Targets on the median test: a stall from other work on a shared machine moves the mean of a run.
                    double bareMedian = median(runs.get(labels.get(0)), Run::medianMs);
                    Map<String, Double> medianOverhead = new LinkedHashMap<>();
                    double bareFirst = median(runs.get(labels.get(0)), Run::fromTestStart);
                    Map<String, Double> overhead = new LinkedHashMap<>();
                    for (String label : labels) {
                        List<Run> rs = runs.get(label);
                        double mean = median(rs, Run::meanMs);
                        overhead.put(label, mean - bare);
                        medianOverhead.put(label, median(rs, Run::medianMs) - bareMedian);
                        md.add(String.format(Locale.ROOT, "| %s | %,d | %s | %.3f | %+.3f | %.3f | %.1f | %.1f | %+.1f | %.1f | %.0f | %s |", client, n, label, mean,
                                mean - bare, median(rs, Run::medianMs), median(rs, Run::firstTestMs), median(rs, Run::fromTestStart),
                                median(rs, Run::fromTestStart) - bareFirst,
                                median(rs, Run::fromPlanStart), median(rs, Run::totalMs), label.equals(labels.get(0)) ? load + " → " + loadAfter : ""));
                    }
                    double replay = medianOverhead.get(labels.get(1));
                    double mock = medianOverhead.get(labels.get(2));
                    double wire = medianOverhead.get(labels.get(3));
                    targets.add(new String[] {client + ", N = " + String.format(Locale.ROOT, "%,d", n) + ": replay4j's per-test overhead (median test, minus bare's) vs MockWebServer's + 0.5 ms",
                            "≤ " + fmt(mock + 0.5) + " ms", fmt(replay) + " ms", replay <= mock + 0.5 ? "met" : "**missed**"});
                    targets.add(new String[] {client + ", N = " + String.format(Locale.ROOT, "%,d", n) + ": replay4j's per-test overhead (median test, minus bare's) vs half of WireMock's",
                            "≤ " + fmt(wire / 2) + " ms", fmt(replay) + " ms", replay <= wire / 2 ? "met" : "**missed**"});
                    if (medianOverhead.containsKey(OTHER_BUILD)) {
                        targets.add(new String[] {client + ", N = " + String.format(Locale.ROOT, "%,d", n) + ": this build's median test minus the other build's",
                                "(reported)", String.format(Locale.ROOT, "%+.2f ms", replay - medianOverhead.get(OTHER_BUILD)), "—"});
                        targets.add(new String[] {client + ", N = " + String.format(Locale.ROOT, "%,d", n) + ": this build's first answer minus the other build's",
                                "(reported)", String.format(Locale.ROOT, "%+.1f ms", median(runs.get(labels.get(1)), Run::fromTestStart)
                                        - median(runs.get(OTHER_BUILD), Run::fromTestStart)), "—"});
                    }
                    double first = median(runs.get(labels.get(1)), Run::fromTestStart);
                    targets.add(new String[] {client + ", N = " + String.format(Locale.ROOT, "%,d", n) + ": first answer of the first test, from its test-started event (proxy start included)",
                            "≤ 100 ms", fmt(first) + " ms (bare server: " + fmt(bareFirst) + " ms)", first <= 100 ? "met" : "**missed**"});
                    targets.add(new String[] {client + ", N = " + String.format(Locale.ROOT, "%,d", n) + ": the same minus the bare server's (what the proxy's start and first request add)",
                            "(reported)", fmt(first - bareFirst) + " ms", "—"});
                }
            }
        }
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

    /** This class path with the replay4j and replay4j-junit5 jars of another checkout in place of this one's. */
    private static String otherClassPath(Path checkout) {
        List<String> out = new ArrayList<>();
        int replaced = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath().normalize();
            String module = p.getParent() != null && p.getParent().getParent() != null
                    ? p.getParent().getParent().getFileName().toString() : "";
            if (p.getParent().getFileName().toString().equals("target") && (module.equals("replay4j") || module.equals("replay4j-junit5"))) {
                Path other = checkout.resolve(module).resolve("target").resolve(p.getFileName());
                if (!Files.isRegularFile(other)) {
                    throw new IllegalArgumentException("otherBuild: " + other + " is missing; build it first (mvn -DskipTests"
                            + " -pl replay4j,replay4j-junit5 -am package in " + checkout + ")");
                }
                out.add(other.toString());
                replaced++;
            } else {
                out.add(entry);
            }
        }
        if (replaced != 2) {
            throw new IllegalArgumentException("otherBuild: expected this class path to hold the replay4j and replay4j-junit5 jars"
                    + " of a checkout's target folders, found " + replaced);
        }
        return String.join(java.io.File.pathSeparator, out);
    }

    private static Run runSuite(String suite, int n, String client, Path answer, Path recordings, List<String> extra)
            throws IOException, InterruptedException {
        return runSuite(suite, n, client, answer, recordings, extra, System.getProperty("java.class.path"));
    }

    private static Run runSuite(String suite, int n, String client, Path answer, Path recordings, List<String> extra,
                                String classPath) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of(
                "-Dsuite.n=" + n, "-Dsuite.client=" + client, "-Dsuite.answer=" + answer, "-Dreplay4j.dir=" + recordings,
                "-Dreplay4j.usage=" + recordings.resolveSibling("usage.json"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        cmd.addAll(extra);
        cmd.addAll(List.of("-cp", classPath, SuiteRunner.class.getName(), suite));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(suite + " (N=" + n + ", " + client + ") failed:\n" + tail(output));
        }
        Matcher m = RESULT.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no RESULT line from " + suite + ":\n" + tail(output));
        }
        return new Run(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)),
                Double.parseDouble(m.group(5)), Double.parseDouble(m.group(6)), Double.parseDouble(m.group(7)), Double.parseDouble(m.group(8)));
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static void log(String format, Object... args) {
        System.err.println("[suite-bench] " + String.format(Locale.ROOT, format, args));
    }
}

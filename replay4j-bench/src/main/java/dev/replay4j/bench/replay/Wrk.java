// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.bench.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The independent load generator: {@code wrk} (C, epoll, Debian's {@code wrk} package), driven by a Lua script that
 * sends the workload's request bodies round-robin, each thread from its own offset. Its own CPU time is read from
 * the shell that runs it ({@code times}: user and system time of the children), so that what the generator takes
 * from the two cores is in every figure.
 */
final class Wrk {
    private static final String SCRIPT = String.join("\n",
            "-- SPDX-License-Identifier: Apache-2.0",
            "-- written by dev.replay4j.bench.replay.Wrk: POST each body of the file (one a line) in turn",
            "local counter = 0",
            "function setup(thread) counter = counter + 1; thread:set('tid', counter) end",
            "local bodies = {}",
            "local at = 0",
            "function init(args)",
            "  for line in io.lines(args[1]) do bodies[#bodies + 1] = line end",
            "  at = ((tid or 1) * 7919) % #bodies",
            "end",
            "local headers = {['Content-Type'] = 'application/json', ['Accept'] = '*/*'}",
            "function request()",
            "  at = at % #bodies + 1",
            "  return wrk.format('POST', nil, headers, bodies[at])",
            "end",
            "");

    /** One wrk run: its figures and the CPU seconds wrk itself used. */
    record Result(String label, int connections, double seconds, double requestsPerSecond, double p50Millis, double p99Millis,
                  long socketErrors, long non2xx, String errorDetail, double generatorCpuSeconds) {
        long errors() {
            return socketErrors + non2xx;
        }

        /** The share of one core the generator used while it ran. */
        double generatorCores() {
            return generatorCpuSeconds / seconds;
        }
    }

    private final Path script;
    private final Path bodies;

    /** Writes the script and the bodies (one a line: JSON bodies have no raw newline) into {@code dir}. */
    Wrk(Path dir, List<byte[]> requestBodies) throws IOException {
        Files.createDirectories(dir);
        script = dir.resolve("bodies.lua");
        bodies = dir.resolve("bodies-" + requestBodies.size() + ".txt");
        Files.writeString(script, SCRIPT);
        StringBuilder all = new StringBuilder();
        for (byte[] b : requestBodies) {
            String s = new String(b, StandardCharsets.UTF_8);
            if (s.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a request body with a raw newline cannot go into the wrk body file");
            }
            all.append(s).append('\n');
        }
        Files.writeString(bodies, all);
    }

    /** The version line of the wrk on the path, or null when there is none. */
    static String version() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("wrk").trim();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    Result run(String label, int port, String path, int connections, double seconds) throws IOException, InterruptedException {
        int threads = Math.max(1, Math.min(2, connections));
        String cmd = String.format(Locale.ROOT, "wrk -t%d -c%d -d%ds --timeout 10s --latency -s %s http://127.0.0.1:%d%s -- %s; times",
                threads, connections, Math.round(seconds), script, port, path, bodies);
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor((long) seconds + 60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("wrk did not finish: " + cmd);
        }
        return parse(label, connections, seconds, out);
    }

    static Result parse(String label, int connections, double seconds, String out) {
        double rps = number(out, "Requests/sec:\\s+([0-9.]+)");
        if (Double.isNaN(rps)) {
            throw new IllegalStateException("no Requests/sec in wrk's output:\n" + out);
        }
        long socket = 0;
        String detail = null;
        Matcher se = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
        if (se.find()) {
            for (int i = 1; i <= 4; i++) {
                socket += Long.parseLong(se.group(i));
            }
            detail = se.group().trim();
        }
        double non2xx = number(out, "Non-2xx or 3xx responses:\\s+(\\d+)");
        if (!Double.isNaN(non2xx)) {
            detail = (detail == null ? "" : detail + "; ") + "non-2xx " + (long) non2xx;
        }
        // `times` prints the shell's own user/system time, then its children's: wrk's.
        List<Double> cpu = new ArrayList<>();
        Matcher t = Pattern.compile("(\\d+)m([0-9.]+)s").matcher(out.substring(Math.max(0, out.lastIndexOf("Transfer/sec"))));
        while (t.find()) {
            cpu.add(Integer.parseInt(t.group(1)) * 60 + Double.parseDouble(t.group(2)));
        }
        double generatorCpu = cpu.size() >= 4 ? cpu.get(2) + cpu.get(3) : Double.NaN;
        return new Result(label, connections, seconds, rps, latency(out, "50%"), latency(out, "99%"), socket,
                Double.isNaN(non2xx) ? 0 : (long) non2xx, detail, generatorCpu);
    }

    private static double latency(String out, String percentile) {
        Matcher m = Pattern.compile("\\n\\s+" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            return Double.NaN;
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1e3;
            case "ms" -> v;
            default -> v * 1e3;
        };
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}

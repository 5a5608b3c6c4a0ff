// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import dev.replay4j.Layout;
import dev.replay4j.Mode;
import dev.replay4j.ReplayProxy;
import dev.replay4j.internal.proxy.Upstreams;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the record/replay proxy: point any client's base URL at it.",
            "",
            "Its first line on standard output holds its URL (http://127.0.0.1:<port>); logs go to standard error. "
                + "It stops on SIGINT or SIGTERM, after finishing the recordings in flight.",
            "",
            "Modes: replay (the default; never calls the upstream; a missing recording is an error that explains "
                + "itself), record (call the upstream, store or overwrite), record-if-missing (serve what exists, "
                + "record what is new), live (call the upstream, store nothing)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "143:stopped by SIGTERM (130: by SIGINT, Ctrl-C), after the recordings in flight landed",
            "0:stopped in-process (the thread running it was interrupted)",
            "2:usage error: a bad flag (a malformed --fault included), a mode that needs --upstream without one, a port in"
                + " use, a missing --dir in replay mode"})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The recordings folder.")
    Path dir;

    // Defaults are the fields' initial values (picocli shows them as ${DEFAULT-VALUE}), so that ServeArguments,
    // which reads a plain command line without picocli, starts from the same ones.
    @Option(names = "--mode", paramLabel = "MODE", converter = ModeConverter.class,
            description = "replay, record, record-if-missing or live (default: ${DEFAULT-VALUE}).")
    Mode mode = Mode.REPLAY;

    @Option(names = "--upstream", paramLabel = "[FAMILY=]URL", description = {
        "The API to call in record, record-if-missing and live modes. A plain URL serves every path; "
            + "FAMILY=URL serves one API family: openai= for /v1/... (and Azure's /openai/...), ollama= for /api/..., anthropic= for /v1/messages, gemini= for Gemini's paths (/v1beta/..., .../models/M:method, Vertex AI's), bedrock= for /model/...; /v1/models goes by the client's headers (anthropic-version, x-goog-api-key). "
            + "Repeatable. In replay mode it is never called, but its base path and host still shape the keys "
            + "(a base path such as /v1 or /openai/v1 is part of the hashed path)."})
    List<String> upstreams = new ArrayList<>();

    @Option(names = "--layout", paramLabel = "LAYOUT", converter = LayoutConverter.class,
            description = "java (default: <root>/<package>/<Class>/, fallback _shared/) or llama-stack "
                + "(<root>/<test dir>/recordings/, fallback tests/integration/common/recordings/).")
    Layout layout = Layout.JAVA;

    @Option(names = "--port", paramLabel = "N", description = "The port; 0 (default) takes a free one.")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "The address to listen on (default: ${DEFAULT-VALUE}; never all interfaces unless asked).")
    String bind = "127.0.0.1";

    @Option(names = "--redact-header", paramLabel = "NAME", description = "A request header never written to a recording, "
            + "beyond the built-in credentials (Authorization, api-key, x-api-key, cookies, ...). Repeatable.")
    List<String> redactHeaders = new ArrayList<>();

    @Option(names = "--redact-field", paramLabel = "NAME", description = "A request body field, at any depth, written as "
            + "\"<redacted>\" and redacted before the key is computed (in replay too). Repeatable.")
    List<String> redactFields = new ArrayList<>();

    @Option(names = "--max-body-bytes", paramLabel = "N",
            description = "Request bodies larger than this get 413 (default: ${DEFAULT-VALUE}, 32 MiB).")
    long maxBodyBytes = 32L << 20;

    @Option(names = "--upstream-timeout", paramLabel = "SECONDS", description = "The longest the upstream may keep silent, "
            + "before its headers or between two of its bytes (an idle time, not a total; default: ${DEFAULT-VALUE}, "
            + "for a reasoning model that thinks for minutes while recording). Then the client gets a 504, or a closed "
            + "connection once the answer has started, and nothing is recorded.")
    long upstreamTimeoutSeconds = 600;

    private static final long MAX_UPSTREAM_TIMEOUT_SECONDS = 86_400;

    @Option(names = "--usage", paramLabel = "FILE", description = "When it stops, write a usage report to FILE: the "
            + "recordings it served and recorded, and the requests that missed (JSON; what replay4j prune reads).")
    Path usageReport;

    @Option(names = "--fault", paramLabel = "SPEC", description = "A fault for every request it matches, in every mode: "
            + "items such as status=429,retry-after=1 (the API's own error), delay=MS, cut-after=N (the first N events of a "
            + "stream, or bytes of another answer, then a closed connection), reset, with the filters endpoint=PATH, times=N "
            + "(counted per --fault across the proxy) and rate=P,seed=S. Repeatable; the first that takes a request wins. "
            + "A faulted exchange is never recorded. One request can ask for one with the header X-Replay4j-Fault: SPEC.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--record-timing", arity = "0..1", paramLabel = "BOOLEAN", description = "Record each answer's time to "
            + "its first byte and, for a stream, each event's offset from the request (the response's first_byte_ms and "
            + "event_offsets_ms). Off by default: timings differ on every run, and nothing is added to a file without it.")
    boolean recordTiming;

    @Option(names = "--replay-speed", paramLabel = "FACTOR", description = "The pace of replays: 0 (default) at once, 1 the "
            + "recorded pace, 2 twice as fast, 0.5 half. Recordings without timings go at once, unless --stream-profile.")
    double replaySpeed;

    @Option(names = "--stream-profile", paramLabel = "ttft=MS,rate=N", description = "A pace for recordings without timings: "
            + "the first event MS after the request, then N events a second (an answer that is not a stream: its first byte "
            + "at MS); scaled by --replay-speed when it is above 0. Recorded timings win over it at a speed above 0.")
    String streamProfile;

    @Override
    public Integer call() throws IOException {
        return run(spec.commandLine().getOut());
    }

    /** Serves until stopped; the first line on {@code out} holds the URL. */
    int run(PrintWriter out) throws IOException {
        ReplayProxy proxy = proxy();
        try {
            proxy.start();
        } catch (IOException e) {
            throw CliFailure.usage("replay4j serve: cannot listen on " + bind + ":" + port + " (--bind, --port): " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            proxy.close();
            stopped.countDown();
        }, "replay4j-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        out.println("replay4j serving " + proxy.url() + " (mode " + mode + ", layout " + layout + ", recordings "
                + proxy.recordings() + (upstreams.isEmpty() ? "" : ", upstream " + proxy.upstreams())
                + (faults.isEmpty() ? "" : ", faults " + String.join(" | ", faults)) + ")");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // Stopped in-process (tests, embedding): the same clean close as on a signal.
            Runtime.getRuntime().removeShutdownHook(hook);
            proxy.close();
        }
        return ExitCode.OK;
    }

    /**
     * The proxy that these flags describe, not started. Every flag is checked here, before the library sees
     * it, so that a wrong one is a usage error that names the flag (the library's messages name its builder).
     */
    private ReplayProxy proxy() {
        if (mode == Mode.REPLAY && !Files.isDirectory(dir)) {
            throw usage("no such folder: " + dir.toAbsolutePath() + " (replay mode serves existing recordings; check --dir)");
        }
        if (mode.needsUpstream() && upstreams.isEmpty()) {
            throw usage("--mode " + mode + " calls the upstream, but no --upstream is given: add the API's base URL, such as"
                    + " --upstream https://api.openai.com (or use --mode replay, which never calls it)");
        }
        if (port < 0 || port > 65535) {
            throw usage("--port must be 0..65535 (0 takes a free port), not " + port);
        }
        if (maxBodyBytes <= 0) {
            throw usage("--max-body-bytes must be a positive number of bytes, not " + maxBodyBytes);
        }
        if (upstreamTimeoutSeconds < 1 || upstreamTimeoutSeconds > MAX_UPSTREAM_TIMEOUT_SECONDS) {
            throw usage("--upstream-timeout must be 1 to " + MAX_UPSTREAM_TIMEOUT_SECONDS + " seconds, not " + upstreamTimeoutSeconds);
        }
        if (usageReport != null && Files.isDirectory(usageReport)) {
            throw usage("--usage " + usageReport + " is a folder: give the file to write the usage report to, such as --usage "
                    + usageReport.resolve("replay4j-usage.json"));
        }
        ReplayProxy.Builder builder = ReplayProxy.builder().recordings(dir).mode(mode).layout(layout).bind(bind).port(port)
                .maxBodyBytes(maxBodyBytes).upstreamTimeout(Duration.ofSeconds(upstreamTimeoutSeconds));
        for (String upstream : upstreams) {
            try {
                builder.upstream(upstream);
            } catch (IllegalArgumentException e) {
                throw usage("--upstream " + Upstreams.shown(upstream) + ": " + e.getMessage());
            }
        }
        redactHeaders.forEach(builder::redactHeader);
        redactFields.forEach(builder::redactField);
        for (String fault : faults) {
            try {
                builder.fault(fault);
            } catch (IllegalArgumentException e) {
                throw usage("--fault " + fault + ": " + e.getMessage());
            }
        }
        try {
            builder.recordTiming(recordTiming).replaySpeed(replaySpeed);
            if (streamProfile != null) {
                builder.streamProfile(streamProfile);
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (usageReport != null) {
            builder.usageReport(usageReport);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) { // none expected: every flag was checked above
            throw usage(e.getMessage());
        }
    }

    private static CliFailure usage(String problem) {
        return CliFailure.usage("replay4j serve: " + problem);
    }
}

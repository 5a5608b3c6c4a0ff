// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static dev.replay4j.internal.proxy.Responses.sendError;

import com.sun.net.httpserver.HttpExchange;
import dev.replay4j.ApiFamily;
import dev.replay4j.Mode;
import dev.replay4j.internal.api.Endpoints;
import dev.replay4j.internal.store.Match;
import dev.replay4j.internal.store.RecordingStore;
import dev.replay4j.internal.usage.UsageReport;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The path of one request, in order: find its test, read its body, look its recording up (the memoised keys
 * first, then the parsed body), then replay it, explain a miss, or forward it to the upstream and record the
 * answer, by mode. Each step is a class of its own; this one only decides which comes next.
 */
final class RequestPipeline {
    private final Mode mode;
    private final BooleanSupplier shuttingDown;
    private final TestIdSource testIds;
    private final RequestReader reader;
    private final RecordingLookup lookup;
    private final Replayer replayer;
    private final MissResponder misses;
    private final RecordingWriter writer;
    private final UpstreamForwarder forwarder;
    private final FaultStep faults;

    RequestPipeline(ProxyConfig config, RecordingStore store, Supplier<HttpClient> client, Misses misses, UsageReport usage,
                    Faults faults, BooleanSupplier shuttingDown) {
        this.mode = config.mode();
        this.shuttingDown = shuttingDown;
        this.testIds = new TestIdSource(store, config.attribution());
        this.reader = new RequestReader(config.maxBodyBytes(), config.secrets());
        this.lookup = new RecordingLookup(store, config.upstreams());
        this.replayer = new Replayer(store, usage, new Pace(config.replaySpeed(), config.streamProfile()));
        this.misses = new MissResponder(config.mode(), store, misses, usage);
        this.writer = new RecordingWriter(store, usage);
        this.forwarder = new UpstreamForwarder(config, client, new RecordingBuilder(config.secrets()), writer);
        this.faults = new FaultStep(faults, usage);
    }

    void serve(HttpExchange exchange) throws IOException {
        HttpExchange ex = exchange;
        ex.setAttribute(Pace.STARTED, System.nanoTime()); // what recorded and replayed timings count from
        String rawPath = ex.getRequestURI().getRawPath();
        TestIdSource.Target target;
        try {
            target = testIds.read(rawPath, ex.getRequestHeaders());
        } catch (IllegalArgumentException e) { // InvalidTestIdException, or bad percent-encoding
            sendError(ex, familyOf(rawPath), 400, "replay4j_invalid_test_id", e.getMessage());
            return;
        } catch (IllegalStateException e) {
            sendError(ex, familyOf(rawPath), 400, "replay4j_unattributed_request", e.getMessage());
            return;
        }
        ApiFamily family = Endpoints.familyOf(target.path());
        if (shuttingDown.getAsBoolean()) {
            sendError(ex, family, 503, "replay4j_shutting_down", "replay4j is shutting down");
            return;
        }
        byte[] body = reader.read(ex, family);
        if (body == null) {
            return;
        }
        Call call = new Call(ex.getRequestMethod().toUpperCase(Locale.ROOT), target.path(), ex.getRequestURI().getRawQuery(),
                target.testId(), body, null, family, ex.getRequestHeaders());
        FaultStep.Outcome fault = faults.apply(ex, call);
        if (fault.exchange() == null) {
            return; // the fault was the answer
        }
        ex = fault.exchange(); // a faulted exchange is answered, damaged, but never recorded
        if (mode == Mode.LIVE) {
            forwarder.forward(ex, call, false);
            return;
        }
        boolean replays = mode == Mode.REPLAY || mode == Mode.RECORD_IF_MISSING;
        RecordingLookup.Probe probe = replays ? lookup.probe(call) : RecordingLookup.Probe.NONE;
        if (probe.match() != null) {
            replayer.replay(ex, call, probe.match());
            return;
        }
        call = reader.parse(ex, call);
        if (call == null) {
            return;
        }
        if (replays && replayed(ex, call, probe)) {
            return;
        }
        if (mode == Mode.REPLAY) {
            misses.answer(ex, call, lookup.lookupOf(call));
            return;
        }
        if (fault.faulted()) {
            forwarder.forward(ex, call, false);
        } else if (writer.checkWritable(ex, call)) {
            forwarder.forward(ex, call, true);
        }
    }

    /** True when the request was answered from its recordings. */
    private boolean replayed(HttpExchange ex, Call call, RecordingLookup.Probe probe) throws IOException {
        if (Endpoints.isModelList(call.path())) {
            List<Match> lists = lookup.modelLists(call);
            if (lists.isEmpty()) {
                return false;
            }
            replayer.replayModelLists(ex, call, lists);
            return true;
        }
        Optional<Match> match = lookup.find(probe, call);
        if (match.isEmpty()) {
            return false;
        }
        replayer.replay(ex, call, match.get());
        return true;
    }

    static ApiFamily familyOf(String rawPath) {
        return Endpoints.familyOf(TestIdSource.clientPath(rawPath));
    }
}

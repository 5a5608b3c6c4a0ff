// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static dev.replay4j.internal.proxy.Responses.sendError;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.replay4j.ApiFamily;
import dev.replay4j.Mode;
import dev.replay4j.internal.api.Endpoints;
import dev.replay4j.internal.key.RequestKey;
import dev.replay4j.internal.store.Match;
import dev.replay4j.internal.store.RecordingStore;
import dev.replay4j.internal.usage.UsageReport;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
    private final MemoryBudget budget;
    private final RecordingStore store;
    private final Sequences sequences;
    private final ResetRequests resets;

    RequestPipeline(ProxyConfig config, RecordingStore store, Supplier<HttpClient> client, Misses misses, UsageReport usage,
                    Faults faults, BooleanSupplier shuttingDown) {
        this(config, store, client, misses, usage, faults, shuttingDown, new Sequences());
    }

    RequestPipeline(ProxyConfig config, RecordingStore store, Supplier<HttpClient> client, Misses misses, UsageReport usage,
                    Faults faults, BooleanSupplier shuttingDown, Sequences sequences) {
        this.store = store;
        this.sequences = sequences;
        this.resets = new ResetRequests(store, sequences);
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
        this.budget = new MemoryBudget(config.bodyMemory() > 0 ? config.bodyMemory() : MemoryBudget.defaultTotal(),
                config.clientTimeout());
    }

    void serve(HttpExchange exchange) throws IOException {
        if (resets.answer(exchange)) {
            return;
        }
        Pace.arrived(); // what recorded and replayed timings count from
        try (MemoryBudget.Lease lease = budget.lease()) {
            Hit hit = serveOrFind(exchange, lease);
            if (hit != null) {
                // The request's bytes and tree are out of reach now (the hit's call has none): the budget has them
                // back for the recording, which for a large request is about as large.
                lease.release(hit.bodyBytes(), MemoryBudget.FACTOR);
                replayer.replay(hit.exchange(), hit.call(), hit.match(), lease);
            }
        } finally {
            Pace.served();
        }
    }

    /** The recording that answers a request, the exchange to answer on, and the request without its body. */
    private record Hit(HttpExchange exchange, Call call, Match match, long bodyBytes) {
    }

    /** Serves the request, or gives back the recording that answers it, to be replayed once its body is dropped. */
    private Hit serveOrFind(HttpExchange exchange, MemoryBudget.Lease lease) throws IOException {
        HttpExchange ex = exchange;
        String rawPath = ex.getRequestURI().getRawPath();
        TestIdSource.Target target;
        try {
            target = testIds.read(rawPath, ex.getRequestHeaders());
        } catch (IllegalArgumentException e) { // InvalidTestIdException, or bad percent-encoding
            sendError(ex, familyOf(rawPath), 400, "replay4j_invalid_test_id", e.getMessage());
            return null;
        } catch (IllegalStateException e) {
            sendError(ex, familyOf(rawPath), 400, "replay4j_unattributed_request", e.getMessage());
            return null;
        }
        Trace.testId(target.testId());
        String rawQuery = ex.getRequestURI().getRawQuery();
        Headers requestHeaders = ex.getRequestHeaders();
        ApiFamily family = Endpoints.familyOf(target.path(), rawQuery, requestHeaders::containsKey);
        try {
            Upstreams.checkRequested(requestHeaders.getFirst(ProxyServer.UPSTREAM_HEADER));
        } catch (IllegalArgumentException e) {
            sendError(ex, family, 400, "replay4j_invalid_upstream", ProxyServer.UPSTREAM_HEADER + ": " + e.getMessage());
            return null;
        }
        if (shuttingDown.getAsBoolean()) {
            sendError(ex, family, 503, "replay4j_shutting_down", "replay4j is shutting down");
            return null;
        }
        byte[] body = reader.read(ex, family, lease);
        if (body == null) {
            return null;
        }
        Call call = new Call(ex.getRequestMethod().toUpperCase(Locale.ROOT), target.path(), rawQuery,
                target.testId(), body, null, family, requestHeaders);
        FaultStep.Outcome fault = faults.apply(ex, call);
        if (fault.exchange() == null) {
            return null; // the fault was the answer
        }
        ex = fault.exchange(); // a faulted exchange is answered, damaged, but never recorded
        if (mode == Mode.LIVE) {
            forwarder.forward(ex, call, false, lease);
            return null;
        }
        boolean replays = mode == Mode.REPLAY || mode == Mode.RECORD_IF_MISSING;
        RecordingLookup.Probe probe = replays ? lookup.probe(call) : RecordingLookup.Probe.NONE;
        if (probe.match() != null) {
            return new Hit(ex, call.withoutBody(), inSequence(call, probe.match()), body.length);
        }
        if (!reader.treeAfforded(ex, call, lease)) {
            return null;
        }
        call = reader.parse(ex, call);
        if (call == null) {
            return null;
        }
        List<RequestKey> tried = null; // the keys of a lookup that found nothing: every candidate, for the explanation
        if (replays) {
            if (Endpoints.isModelList(call.path())) {
                List<Match> lists = lookup.modelLists(call);
                if (!lists.isEmpty() && replayer.replayModelLists(ex, call, lists)) {
                    return null;
                }
            } else {
                RecordingStore.Search search = lookup.find(probe, call);
                if (search.match().isPresent()) {
                    return new Hit(ex, call.withoutBody(), inSequence(call, search.match().get()), body.length);
                }
                tried = search.keys();
            }
        }
        if (mode == Mode.REPLAY) {
            misses.answer(ex, call, lookup.lookupOf(call), tried, lease);
            return null;
        }
        if (fault.faulted()) {
            forwarder.forward(ex, call, false, lease);
        } else if (writer.checkWritable(ex, call)) {
            forwarder.forward(ex, call, true, lease, placeInSequence(call));
        }
        return null;
    }

    /**
     * The answer to replay for the nth identical request of its test: the nth recorded, or past the last the last one
     * (record-if-missing too: it records only what has no answer at all, so a second run of it changes no file).
     */
    private Match inSequence(Call call, Match first) throws IOException {
        if (Endpoints.isModelList(call.path())) {
            return first; // shared by all tests: not a sequence
        }
        int n = sequences.next(call.testId(), first.file());
        if (n == 1) {
            return first;
        }
        Path answer = store.answerAt(first.file(), n);
        return answer.equals(first.file()) ? first : new Match(answer, first.key());
    }

    /**
     * The place of an answer about to be recorded in its sequence; the first of a request in its test removes the later
     * answers an earlier run recorded.
     */
    private int placeInSequence(Call call) throws IOException {
        Path first = Endpoints.isModelList(call.path()) ? null : lookup.firstAnswerFile(call);
        if (first == null) {
            return 1;
        }
        return sequences.next(call.testId(), first, () -> store.removeLaterAnswers(first));
    }

    static ApiFamily familyOf(String rawPath) {
        return Endpoints.familyOf(TestIdSource.clientPath(rawPath));
    }
}

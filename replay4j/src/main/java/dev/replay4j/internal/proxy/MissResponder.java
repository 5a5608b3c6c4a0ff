// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import com.sun.net.httpserver.HttpExchange;
import dev.replay4j.Mode;
import dev.replay4j.internal.key.RequestKey;
import dev.replay4j.internal.store.Lookup;
import dev.replay4j.internal.store.RecordingStore;
import dev.replay4j.internal.usage.UsageReport;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a replay miss: a 404 in the API's error shape whose message explains it ({@link MissReport}), kept
 * for the test framework to fail the test with, logged, and counted in the usage report.
 */
final class MissResponder {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final Mode mode;
    private final RecordingStore store;
    private final Misses misses;
    private final UsageReport usage;
    /** The recordings' sketches for the nearest-recording search: built by the first miss in a folder. */
    private final MissIndex index = new MissIndex();

    MissResponder(Mode mode, RecordingStore store, Misses misses, UsageReport usage) {
        this.mode = mode;
        this.store = store;
        this.misses = misses;
        this.usage = usage;
    }

    /** @param tried every candidate key of the request, as the lookup computed them; {@code null}: computed here */
    void answer(HttpExchange ex, Call call, Lookup lookup, List<RequestKey> tried, MemoryBudget.Lease lease) throws IOException {
        List<RequestKey> keys = tried != null ? tried : store.candidateKeys(lookup);
        String message = MissReport.explain(mode, lookup, keys, store, index, file -> {
            // The nearest recording is a help, not the answer: a file there is no memory for now is passed over.
            long size = Files.size(file);
            if (lease.reserveNow(size, MemoryBudget.FILE_FACTOR) != MemoryBudget.Outcome.RESERVED) {
                return null;
            }
            try {
                return store.loadRequest(file, MissReport.MAX_VALUE_CHARS + 1);
            } finally {
                lease.release(size, MemoryBudget.FILE_FACTOR);
            }
        });
        usage.missed(call.method(), call.path(), call.testId(), keys.get(0).hex());
        LOG.warn("{}", message);
        misses.add(call.testId(), message);
        Trace.missed(keys.get(0).hex(), message);
        ex.getResponseHeaders().set("X-Replay4j-Miss", "true");
        Responses.sendError(ex, call.family(), 404, "replay4j_recording_not_found", message);
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import dev.replay4j.internal.api.Endpoints;
import dev.replay4j.internal.key.KeyVersion;
import dev.replay4j.internal.key.RequestKey;
import dev.replay4j.internal.store.Lookup;
import dev.replay4j.internal.store.Match;
import dev.replay4j.internal.store.RecordingStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the recording of a request. A request seen before skips parsing and hashing its body: the
 * {@link KeyMemo} gives its candidate keys from the bytes alone, and only the files are probed.
 */
final class RecordingLookup {
    private final RecordingStore store;
    private final Upstreams upstreams;
    private final KeyMemo keyMemo = new KeyMemo(KeyMemo.DEFAULT_MAX_BYTES);

    RecordingLookup(RecordingStore store, Upstreams upstreams) {
        this.store = store;
        this.upstreams = upstreams;
    }

    /**
     * What the memo knows of a request before its body is parsed.
     *
     * @param known {@code null}: never seen; empty: seen once; else every candidate key
     * @param match the recording found under the known keys, or {@code null}
     */
    record Probe(KeyMemo.Request memoKey, List<RequestKey> known, Match match) {
        static final Probe NONE = new Probe(null, null, null);
    }

    /** Probes with the memoised keys of the raw request; model lists are never memoised (they are merged). */
    Probe probe(Call call) {
        if (Endpoints.isModelList(call.path())) {
            return Probe.NONE;
        }
        // The query is part of the memo's path: its keyed parameters change the keys.
        String pathAndQuery = call.rawQuery() == null ? call.path() : call.path() + "?" + call.rawQuery();
        KeyMemo.Request memoKey = new KeyMemo.Request(call.method(), pathAndQuery, call.testId(),
                upstreams.forRequest(call.family(), call.requestedUpstream()), call.body());
        KeyMemo.Known known = keyMemo.get(memoKey);
        Match match = null;
        if (known != null && !known.keys().isEmpty()) {
            // not there (any more): the full lookup explains or records
            match = store.find(call.testId(), known.keys(), known.found()).orElse(null);
            Path found = match == null ? null : match.file();
            if (!Objects.equals(found, known.found())) {
                keyMemo.put(memoKey, known.keys(), found);
            }
        }
        return new Probe(memoKey, known == null ? null : known.keys(), match);
    }

    /** The recording of a parsed request that {@link #probe} did not find, and the keys tried (all of them on a miss). */
    RecordingStore.Search find(Probe probe, Call call) {
        Lookup lookup = lookupOf(call);
        if (probe.known() != null && probe.known().isEmpty()) {
            // The second time this exact request comes: worth computing every candidate key once.
            List<RequestKey> keys = store.candidateKeys(lookup);
            Optional<Match> match = store.find(call.testId(), keys);
            keyMemo.put(probe.memoKey(), keys, match.map(Match::file).orElse(null));
            return new RecordingStore.Search(match, keys);
        }
        if (probe.known() == null && probe.memoKey() != null) {
            keyMemo.put(probe.memoKey(), List.of()); // the first time: only the keys the probes need
        }
        return store.search(lookup);
    }

    /** Every recorded model list for this request, to be merged. */
    List<Match> modelLists(Call call) throws IOException {
        return store.findModelLists(lookupOf(call));
    }

    /**
     * The file a recording of this parsed call would be written to as the first answer of its sequence, or {@code null}
     * when it has no upstream (nothing is recorded then).
     */
    Path firstAnswerFile(Call call) {
        String base = upstreams.forPath(call.path());
        if (base == null) {
            return null;
        }
        String url = Secrets.recordableUrl(UpstreamForwarder.urlOf(base, call));
        return store.folderFor(call.testId()).resolve(RequestKey.compute(call.method(), url, call.json(), call.testId(),
                KeyVersion.V2).hex() + ".json");
    }

    Lookup lookupOf(Call call) {
        return call.lookup(upstreams.forRequest(call.family(), call.requestedUpstream()));
    }
}

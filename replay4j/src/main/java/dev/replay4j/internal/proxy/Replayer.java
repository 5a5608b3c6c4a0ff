// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static dev.replay4j.internal.proxy.Responses.describe;
import static dev.replay4j.internal.proxy.Responses.headerValue;
import static dev.replay4j.internal.proxy.Responses.send;
import static dev.replay4j.internal.proxy.Responses.sendError;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.recording.ApiTypes;
import dev.replay4j.internal.recording.ModelLists;
import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.recording.RecordingFormatException;
import dev.replay4j.internal.recording.ResponseBodies;
import dev.replay4j.internal.store.Match;
import dev.replay4j.internal.store.RecordingStore;
import dev.replay4j.internal.usage.UsageReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request from its recording, or from the merge of every recorded model list. The bytes of a
 * recording's answer are cached while its file is unchanged.
 */
final class Replayer {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final RecordingStore store;
    private final UsageReport usage;
    private final AnswerCache answers = new AnswerCache(AnswerCache.DEFAULT_MAX_BYTES);

    private final Pace pace;

    Replayer(RecordingStore store, UsageReport usage) {
        this(store, usage, new Pace(0, null));
    }

    Replayer(RecordingStore store, UsageReport usage, Pace pace) {
        this.store = store;
        this.usage = usage;
        this.pace = pace;
    }

    void replay(HttpExchange ex, Call call, Match match, MemoryBudget.Lease lease) throws IOException {
        Path file = match.file();
        AnswerCache.Version version;
        try {
            // read before the content: a newer content is read again next time
            version = match.attributes() != null ? AnswerCache.Version.of(match.attributes()) : AnswerCache.Version.of(file);
        } catch (IOException e) {
            version = null; // gone since the lookup: load says so as before
        }
        AnswerCache.Answer answer = version != null ? answers.get(file, version) : null;
        if (answer == null) {
            long size = version != null ? version.size() : 0;
            MemoryBudget.Outcome outcome = lease.reserve(size, MemoryBudget.FILE_FACTOR);
            if (outcome != MemoryBudget.Outcome.RESERVED) {
                ex.getResponseHeaders().set("Retry-After", "5");
                sendError(ex, call.family(), 503, "replay4j_insufficient_memory", "replay4j found the recording for this request, "
                        + store.relativeName(file) + " (" + size + " bytes), but has no memory to read it "
                        + (outcome == MemoryBudget.Outcome.NEVER ? "at all" : "now") + " (" + lease.describe()
                        + "). Give its JVM more heap (-Xmx), or send fewer large requests at once");
                return;
            }
            Recording recording;
            try {
                recording = store.loadAnswer(file);
            } catch (IOException e) {
                LOG.error("replay4j: cannot read {}: {}", store.relativeName(file), e.toString());
                sendError(ex, call.family(), 500, "replay4j_unreadable_recording", "replay4j found the recording for this request, "
                        + store.relativeName(file) + ", but cannot read it: " + describe(e));
                return;
            } catch (RecordingFormatException e) {
                LOG.error("replay4j: broken recording: {}", e.getMessage());
                sendError(ex, call.family(), 500, "replay4j_broken_recording", "replay4j found the recording for this request, but it"
                        + " cannot be read: " + e.getMessage() + ". Fix or delete the file, or record it again.");
                return;
            }
            answer = Answers.of(recording, store.relativeName(file));
            if (version != null) {
                answers.put(file, version, answer);
            }
        }
        ex.getResponseHeaders().set("X-Replay4j-Recording", headerValue(answer.recordingName()));
        usage.served(answer.recordingName(), match.key().hex());
        Trace.served(answer.recordingName(), match.key().hex());
        pace.send(ex, answer);
    }

    /**
     * One list of every model named by the lists of the request's family, in its shape: one entry per identifier, at
     * the place of its first appearance, reading the lists in file-name order, the entry from the last list that has
     * it (llama-stack's dict keyed by identifier), so that one recorded list replays in its recorded order.
     */
    boolean replayModelLists(HttpExchange ex, Call call, List<Match> lists) throws IOException {
        ModelLists.Shape shape = ModelLists.Shape.of(call.family(), call.path());
        Map<String, JsonNode> merged = new LinkedHashMap<>();
        String nextPageToken = null;
        int used = 0;
        for (Match list : lists) {
            try {
                JsonNode body = store.load(list.file()).response().body();
                if (ModelLists.Shape.ofBody(call.path(), body) != shape) {
                    continue; // another family's list on the same path
                }
                used++;
                usage.served(store.relativeName(list.file()), list.key().hex());
                Trace.served(store.relativeName(list.file()), list.key().hex());
                for (JsonNode entry : ModelLists.entries(body)) {
                    JsonNode model = ApiTypes.unwrap(entry);
                    JsonNode id = model.get(shape.idField());
                    if (id != null && id.isTextual()) {
                        merged.put(id.textValue(), model);
                    }
                }
                JsonNode token = ApiTypes.unwrap(body).path("nextPageToken");
                if (nextPageToken == null && token.isTextual()) {
                    nextPageToken = token.textValue();
                }
            } catch (RecordingFormatException e) {
                LOG.error("replay4j: broken model list skipped: {}", e.getMessage());
            }
        }
        if (used == 0) {
            return false; // only other families' lists: a miss, as if there were none
        }
        ex.getResponseHeaders().set("X-Replay4j-Recording", used + " model lists merged");
        byte[] body = Json.write(ResponseBodies.modelList(shape, new ArrayList<>(merged.values()), nextPageToken))
                .getBytes(StandardCharsets.UTF_8);
        send(ex, 200, "application/json", body);
        return true;
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static dev.replay4j.internal.proxy.Responses.describe;
import static dev.replay4j.internal.proxy.Responses.sendError;

import com.sun.net.httpserver.HttpExchange;
import dev.replay4j.internal.api.Endpoints;
import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.store.RecordingStore;
import dev.replay4j.internal.usage.UsageReport;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes recordings into the store, logs and counts them, and refuses to record where nothing could be written. */
final class RecordingWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final RecordingStore store;
    private final UsageReport usage;

    RecordingWriter(RecordingStore store, UsageReport usage) {
        this.store = store;
        this.usage = usage;
    }

    /**
     * False, after answering the client, when the recording of this call could not be written: checked before
     * the upstream is called, so that nobody pays for an answer that would be lost.
     */
    boolean checkWritable(HttpExchange ex, Call call) throws IOException {
        try {
            store.checkWritable(Endpoints.isModelList(call.path()) ? store.fallbackFolder() : store.folderFor(call.testId()));
            return true;
        } catch (IOException e) {
            sendError(ex, call.family(), 500, "replay4j_write_refused", "replay4j will not record " + call + ": " + e.getMessage());
            return false;
        }
    }

    /** Writes a whole answer's recording; false, after answering the client with a 500, when it could not be written. */
    boolean save(HttpExchange ex, Call call, Recording recording) throws IOException {
        return save(ex, call, recording, 1);
    }

    /** {@link #save(HttpExchange, Call, Recording)} as the nth answer of its sequence. */
    boolean save(HttpExchange ex, Call call, Recording recording, int position) throws IOException {
        try {
            write(call, recording, position);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("replay4j: could not write the recording of {}", call, e);
            sendError(ex, call.family(), 500, "replay4j_write_failed", "replay4j could not write the recording of "
                    + call + ": " + describe(e));
            return false;
        }
    }

    /** Writes a stream's recording; the stream has started, so a failure can only break the connection. */
    void saveOrAbort(Call call, Recording recording, int position) {
        try {
            write(call, recording, position);
        } catch (IOException | RuntimeException e) {
            throw new AbortConnection("could not write the recording: " + describe(e));
        }
    }

    private void write(Call call, Recording recording, int position) throws IOException {
        Path file = store.save(recording, Endpoints.isModelList(call.path()) ? 1 : position);
        String name = store.relativeName(file);
        LOG.info("replay4j: recorded {} -> {}", call, name);
        usage.recorded(name, RecordingStore.keyOf(recording).hex());
        Trace.recorded(name, RecordingStore.keyOf(recording).hex());
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static dev.replay4j.internal.proxy.Responses.describe;

import com.sun.net.httpserver.HttpExchange;
import dev.replay4j.internal.recording.EventFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StreamTee}'s counterpart for AWS event streams (Bedrock's {@code converse-stream} and
 * {@code invoke-with-response-stream}): passes the upstream's frames to the client one by one as they come, each
 * checked (lengths and CRCs) and sent exactly as received, and keeps them for the recording. While recording, the
 * last event of a Converse stream ({@code metadata}) is held back until the file has landed. A stream that breaks,
 * or whose bytes are no valid frames, breaks the client's connection and records nothing.
 */
final class EventStreamTee {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);
    /** The event that ends a ConverseStream answer. */
    private static final String LAST_EVENT = "metadata";

    private final RecordingBuilder builder;
    private final RecordingWriter writer;

    EventStreamTee(RecordingBuilder builder, RecordingWriter writer) {
        this.builder = builder;
        this.writer = writer;
    }

    /** Passes the frames on as they come; the stream recorded as the {@code position}th answer of its sequence. */
    void pass(HttpExchange ex, Call call, String url, int status, InputStream upstream, boolean record, long started,
              long firstByteMs, int position) throws IOException {
        Responses.closeRequestBody(ex);
        List<Long> offsets = firstByteMs >= 0 ? new ArrayList<>() : null;
        ex.sendResponseHeaders(status, 0);
        OutputStream out = ex.getResponseBody();
        List<EventFrame> frames = new ArrayList<>();
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        try (InputStream in = upstream) {
            while (true) {
                EventFrame frame;
                try {
                    frame = EventFrame.read(in);
                } catch (IOException e) {
                    throw new AbortConnection("the upstream " + Secrets.recordableUrl(url) + " broke off its event stream after "
                            + frames.size() + " frames (" + describe(e) + "); nothing recorded");
                }
                if (frame == null) {
                    break;
                }
                frames.add(frame);
                if (offsets != null) {
                    offsets.add((System.nanoTime() - started) / 1_000_000);
                }
                byte[] bytes = frame.encode(); // the bytes read, once checked: only a repeated header name would differ
                if (record && (held.size() > 0 || LAST_EVENT.equals(frame.header(":event-type")))) {
                    held.write(bytes);
                    continue;
                }
                try {
                    out.write(bytes);
                    out.flush();
                } catch (IOException e) {
                    throw new AbortConnection("the client hung up mid-stream after " + frames.size() + " frames ("
                            + describe(e) + "); nothing recorded");
                }
            }
        }
        if (record) {
            writer.saveOrAbort(call, builder.frames(call, url, frames, firstByteMs, offsets), position);
        }
        try {
            held.writeTo(out);
            out.close();
        } catch (IOException e) {
            LOG.warn("replay4j: the client hung up before the end of {}: {}", call, describe(e));
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static dev.replay4j.internal.proxy.Responses.describe;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes a stream from the upstream to the client line by line, as it comes, keeping the lines for the
 * recording. While recording, it holds back the terminal line ({@code [DONE]}, {@code "done": true}) and
 * what follows until the file has landed: a client that has seen the end may at once ask for the recording.
 * A stream that breaks, on either side, breaks the client's connection and records nothing.
 */
final class StreamTee {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final RecordingBuilder builder;
    private final RecordingWriter writer;

    StreamTee(RecordingBuilder builder, RecordingWriter writer) {
        this.builder = builder;
        this.writer = writer;
    }

    void pass(HttpExchange ex, Call call, String url, int status, StreamFormat format, InputStream upstream, boolean record)
            throws IOException {
        pass(ex, call, url, status, format, upstream, record, -1, -1);
    }

    /**
     * @param started     the request's {@link System#nanoTime()}
     * @param firstByteMs milliseconds from the request to the answer's headers, or -1 when the timing is not recorded
     */
    void pass(HttpExchange ex, Call call, String url, int status, StreamFormat format, InputStream upstream, boolean record,
              long started, long firstByteMs) throws IOException {
        pass(ex, call, url, status, format, upstream, record, started, firstByteMs, 1);
    }

    /** {@link #pass}, the stream recorded as the {@code position}th answer of its sequence. */
    void pass(HttpExchange ex, Call call, String url, int status, StreamFormat format, InputStream upstream, boolean record,
              long started, long firstByteMs, int position) throws IOException {
        Responses.closeRequestBody(ex);
        List<Long> offsets = firstByteMs >= 0 ? new ArrayList<>() : null;
        ex.sendResponseHeaders(status, 0);
        OutputStream out = ex.getResponseBody();
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        try (InputStream in = upstream) {
            LineReader reader = new LineReader(in);
            byte[] raw;
            while (true) {
                try {
                    raw = reader.next();
                } catch (IOException e) {
                    throw new AbortConnection("the upstream " + Secrets.recordableUrl(url) + " broke off mid-stream after " + lines.size()
                            + " lines (" + describe(e) + "); nothing recorded");
                }
                if (raw == null) {
                    break;
                }
                String line = LineReader.text(raw);
                lines.add(line);
                if (offsets != null) {
                    offsets.add((System.nanoTime() - started) / 1_000_000);
                }
                if (record && (held.size() > 0 || format.isTerminal(line))) {
                    held.write(raw);
                    continue;
                }
                try {
                    out.write(raw);
                    out.flush();
                } catch (IOException e) {
                    throw new AbortConnection("the client hung up mid-stream after " + lines.size() + " lines ("
                            + describe(e) + "); nothing recorded");
                }
            }
        }
        if (record) {
            writer.saveOrAbort(call, builder.stream(call, url, format, lines, firstByteMs, offsets), position);
        }
        try {
            held.writeTo(out);
            out.close();
        } catch (IOException e) {
            LOG.warn("replay4j: the client hung up before the end of {}: {}", call, describe(e));
        }
    }
}

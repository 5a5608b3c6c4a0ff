// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import dev.replay4j.internal.recording.ResponseTiming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The answers of recordings already replayed, ready to send: a replay of a recording served before costs
 * one {@code stat} of its file, not a read, a parse and a serialisation. Bounded in bytes, least recently
 * used first out; only recordings that were requested are ever held, so its size does not grow with the
 * number of recordings on disk.
 *
 * <p>An entry is used only while the file still has the modification time, size and file key (inode) that
 * it had when it was read, so a recording edited or re-recorded on disk (recordings are replaced by an
 * atomic rename, which changes the file key) is read again.
 */
final class AnswerCache {
    /** The bytes of answers held, by default. */
    static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    /** What identifies one version of a file: its attributes, read before its content. */
    record Version(FileTime modified, long size, Object fileKey) {
        static Version of(Path file) throws IOException {
            return of(Files.readAttributes(file, BasicFileAttributes.class));
        }

        static Version of(BasicFileAttributes a) {
            return new Version(a.lastModifiedTime(), a.size(), a.fileKey());
        }

        // Written out: compared on every replay, and a record's own run through method handles until the JIT inlines them.
        @Override
        public boolean equals(Object o) {
            return o instanceof Version && ((Version) o).size == size && ((Version) o).modified.equals(modified)
                    && Objects.equals(((Version) o).fileKey, fileKey);
        }

        @Override
        public int hashCode() {
            return 31 * modified.hashCode() + Long.hashCode(size);
        }
    }

    /**
     * An answer ready to send, and the name of its recording for the {@code X-Replay4j-Recording} header.
     *
     * @param eventEnds for a stream, where each stored event's bytes end in {@code body} (what follows the last is
     *                  the stream's end, such as {@code data: [DONE]}); {@code null} for an answer that is not a stream
     * @param timing    the recorded timing, or {@code null}
     */
    record Answer(int status, String contentType, byte[] body, String recordingName, int[] eventEnds, ResponseTiming timing,
                  Map<String, String> headers) {
        Answer(int status, String contentType, byte[] body, String recordingName) {
            this(status, contentType, body, recordingName, null, null);
        }

        Answer(int status, String contentType, byte[] body, String recordingName, int[] eventEnds, ResponseTiming timing) {
            this(status, contentType, body, recordingName, eventEnds, timing, Map.of());
        }

        /** Sets the recorded answer headers (other than the content type) on the exchange. */
        void setHeaders(com.sun.net.httpserver.HttpExchange ex) {
            headers.forEach((name, value) -> ex.getResponseHeaders().set(name, value));
        }

        long weight() {
            return body.length + recordingName.length() * 2L + 128 + (eventEnds == null ? 0 : eventEnds.length * 12L);
        }
    }

    private record Entry(Version version, Answer answer) {
    }

    private final long maxBytes;
    private long bytes;
    private final LinkedHashMap<Path, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);

    AnswerCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The answer held for this version of the file, or {@code null}. */
    Answer get(Path file, Version version) {
        Entry e;
        synchronized (this) {
            e = entries.get(file);
        }
        return e != null && e.version.equals(version) ? e.answer : null;
    }

    /** Holds an answer made from this version of the file; one larger than a quarter of the bound is not held. */
    void put(Path file, Version version, Answer answer) {
        Objects.requireNonNull(version, "version");
        long weight = answer.weight();
        if (weight > maxBytes / 4) {
            synchronized (this) {
                remove(file);
            }
            return;
        }
        synchronized (this) {
            remove(file);
            entries.put(file, new Entry(version, answer));
            bytes += weight;
            var it = entries.entrySet().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                Map.Entry<Path, Entry> eldest = it.next();
                bytes -= eldest.getValue().answer.weight();
                it.remove();
            }
        }
    }

    private void remove(Path file) {
        Entry old = entries.remove(file);
        if (old != null) {
            bytes -= old.answer.weight();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long bytes() {
        return bytes;
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.recording;

import java.util.List;

/**
 * When an answer came, as {@code --record-timing} records it: milliseconds from the request to the answer's
 * first byte (its status line) and, for a stream, from the request to each element of the stored body (a chunk,
 * or a line of a stream kept as lines). Stored as the response's {@code first_byte_ms} and
 * {@code event_offsets_ms}; a recording without them has none, and replays as it always did.
 *
 * @param eventOffsetsMs one per element of a stream's stored body, non-decreasing; empty for an answer that is not a stream
 */
public record ResponseTiming(long firstByteMs, List<Long> eventOffsetsMs) {
    public ResponseTiming {
        if (firstByteMs < 0) {
            throw new IllegalArgumentException("first_byte_ms must not be negative, not " + firstByteMs);
        }
        eventOffsetsMs = List.copyOf(eventOffsetsMs);
        long last = 0;
        for (long offset : eventOffsetsMs) {
            if (offset < last) {
                throw new IllegalArgumentException("event_offsets_ms must be non-negative and never go down, but " + offset
                        + " follows " + last);
            }
            last = offset;
        }
    }
}

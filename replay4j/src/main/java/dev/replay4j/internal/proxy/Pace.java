// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import com.sun.net.httpserver.HttpExchange;
import dev.replay4j.internal.recording.ResponseTiming;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.LockSupport;

/**
 * The pace a replayed answer is sent at. At speed 0 with no profile (the default), at once, as one write. At a
 * speed above 0, a recording with timings waits its {@code first_byte_ms} before the status line and sends each
 * event at its {@code event_offsets_ms}, divided by the speed. A recording without timings, when a
 * {@link StreamProfile} is given, sends the status line at once and event {@code i} at
 * {@code ttft + i * 1000 / rate} milliseconds (an answer that is not a stream: its first byte at {@code ttft}),
 * divided by the speed when it is above 0. Offsets count from the request's arrival at the proxy.
 */
final class Pace {
    /**
     * When the request this thread serves arrived, as {@link System#nanoTime()}. Not an exchange attribute: before
     * JDK 18 those are the {@code HttpContext}'s, shared by every request in flight, so a second request overwrote
     * the first one's arrival. One thread serves a request from its arrival to its last byte.
     */
    private static final ThreadLocal<Long> ARRIVED = new ThreadLocal<>();

    private final double speed;
    private final StreamProfile profile;

    Pace(double speed, StreamProfile profile) {
        this.speed = speed;
        this.profile = profile;
    }

    /** Notes that the request this thread is to serve arrived now. */
    static void arrived() {
        ARRIVED.set(System.nanoTime());
    }

    /** Forgets the arrival noted by {@link #arrived}, once its request is served. */
    static void served() {
        ARRIVED.remove();
    }

    static long started() {
        Long at = ARRIVED.get();
        return at != null ? at : System.nanoTime();
    }

    void send(HttpExchange ex, AnswerCache.Answer answer) throws IOException {
        answer.setHeaders(ex);
        ResponseTiming timing = answer.timing();
        double firstByte;
        double[] events = null;
        if (speed > 0 && timing != null) {
            firstByte = timing.firstByteMs() / speed;
            if (answer.eventEnds() != null && timing.eventOffsetsMs().size() == answer.eventEnds().length) {
                events = new double[answer.eventEnds().length];
                for (int i = 0; i < events.length; i++) {
                    events[i] = Math.max(firstByte, timing.eventOffsetsMs().get(i) / speed);
                }
            }
        } else if (profile != null) {
            double s = speed > 0 ? speed : 1;
            if (answer.eventEnds() != null) {
                firstByte = 0;
                events = new double[answer.eventEnds().length];
                for (int i = 0; i < events.length; i++) {
                    events[i] = profile.offsetMs(i) / s;
                }
            } else {
                firstByte = profile.ttftMs() / s;
            }
        } else {
            Responses.send(ex, answer.status(), answer.contentType(), answer.body());
            return;
        }
        long started = started();
        waitUntil(started, firstByte);
        if (events == null) {
            Responses.send(ex, answer.status(), answer.contentType(), answer.body());
            return;
        }
        ex.getResponseHeaders().set("Content-Type", answer.contentType());
        ex.sendResponseHeaders(answer.status(), 0);
        OutputStream out = ex.getResponseBody();
        byte[] body = answer.body();
        int from = 0;
        for (int i = 0; i < events.length; i++) {
            waitUntil(started, events[i]);
            int to = answer.eventEnds()[i];
            out.write(body, from, to - from);
            out.flush();
            from = to;
        }
        out.write(body, from, body.length - from);
        out.close();
    }

    /** Waits until {@code ms} milliseconds after {@code started}: sleeping, then parking for the last stretch. */
    static void waitUntil(long started, double ms) {
        long deadline = started + (long) (ms * 1_000_000);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AbortConnection("interrupted while pacing a replay");
            }
            if (left > 3_000_000) {
                try {
                    Thread.sleep((left - 2_000_000) / 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AbortConnection("interrupted while pacing a replay");
                }
            } else {
                LockSupport.parkNanos(left);
            }
        }
    }
}

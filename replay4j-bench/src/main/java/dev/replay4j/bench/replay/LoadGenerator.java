// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.bench.replay;

import dev.replay4j.fakeupstream.testing.HttpConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load generator: a fixed number of keep-alive connections on loopback, each sending one
 * request at a time, round-robin over the workload's bodies (each connection starting at its own offset),
 * first for a warm-up period, then for a measured period. Latency: from writing the request to reading
 * the last byte of the response, every measured request, sorted for the percentiles.
 */
final class LoadGenerator {
    /** Per connection, at most this many latencies are kept (a bound on memory, far above any real rate). */
    private static final int MAX_SAMPLES = 4_000_000;

    record Result(String label, int connections, double seconds, long requests, long errors, double requestsPerSecond,
                  double p50Micros, double p99Micros, double meanBodyBytes, String firstError, long[] sortedNanos) {
        /** Several measured slices of the same server as one: rates over the summed time, percentiles over every request. */
        static Result merge(List<Result> slices) {
            Result first = slices.get(0);
            double seconds = 0;
            long requests = 0;
            long errors = 0;
            double bytes = 0;
            String error = null;
            int total = 0;
            for (Result r : slices) {
                total += r.sortedNanos.length;
            }
            long[] all = new long[total];
            int at = 0;
            for (Result r : slices) {
                seconds += r.seconds;
                requests += r.requests;
                errors += r.errors;
                bytes += r.meanBodyBytes * r.requests;
                error = error != null ? error : r.firstError;
                System.arraycopy(r.sortedNanos, 0, all, at, r.sortedNanos.length);
                at += r.sortedNanos.length;
            }
            Arrays.sort(all);
            return new Result(first.label, first.connections, seconds, requests, errors, requests / seconds, percentile(all, 0.50),
                    percentile(all, 0.99), requests == 0 ? 0 : bytes / requests, error, all);
        }
    }

    static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * p))] / 1e3;
    }

    private LoadGenerator() {
    }

    static Result run(String label, int port, String path, List<byte[]> bodies, int connections, double warmupSeconds,
                      double measureSeconds) throws InterruptedException {
        List<byte[]> requests = new ArrayList<>(bodies.size());
        for (byte[] body : bodies) {
            requests.add(HttpConnection.post(port, path, body, false));
        }
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long measureTo = measureFrom + (long) (measureSeconds * 1e9);
        long[][] samples = new long[connections][];
        int[] counts = new int[connections];
        long[] errors = new long[connections];
        long[][] bytes = new long[connections][1];
        AtomicReference<String> firstError = new AtomicReference<>();
        Thread[] threads = new Thread[connections];
        for (int c = 0; c < connections; c++) {
            final int conn = c;
            threads[c] = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int count = 0;
                int next = (int) ((long) conn * requests.size() / connections);
                HttpConnection connection = null;
                try {
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= measureTo) {
                            break;
                        }
                        byte[] request = requests.get(next);
                        next = next + 1 == requests.size() ? 0 : next + 1;
                        int status;
                        long[] counter = t0 >= measureFrom ? bytes[conn] : new long[1];
                        try {
                            if (connection == null) {
                                connection = new HttpConnection(port, 30_000);
                            }
                            status = connection.exchange(request, counter);
                        } catch (HttpConnection.ClosedAfterResponse e) {
                            status = e.status();
                            connection.close();
                            connection = null;
                        } catch (IOException | RuntimeException e) {
                            status = -1;
                            firstError.compareAndSet(null, label + ": " + e);
                            if (connection != null) {
                                connection.close();
                                connection = null;
                            }
                        }
                        long t1 = System.nanoTime();
                        if (t0 < measureFrom) {
                            continue;
                        }
                        if (status != 200) {
                            errors[conn]++;
                            if (status != -1) {
                                firstError.compareAndSet(null, label + ": HTTP " + status);
                            }
                            if (status == -1) {
                                Thread.sleep(10); // a broken server must not turn this into a busy loop
                            }
                            continue;
                        }
                        if (count < MAX_SAMPLES) {
                            if (count == mine.length) {
                                mine = Arrays.copyOf(mine, Math.min(MAX_SAMPLES, mine.length * 2));
                            }
                            mine[count++] = t1 - t0;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    if (connection != null) {
                        connection.close();
                    }
                    samples[conn] = mine;
                    counts[conn] = count;
                }
            }, "load-" + c);
            threads[c].setDaemon(true);
            threads[c].start();
        }
        long joinDeadline = measureTo + 60_000_000_000L;
        for (Thread t : threads) {
            long left = Math.max(1, (joinDeadline - System.nanoTime()) / 1_000_000);
            t.join(left);
            if (t.isAlive()) {
                throw new IllegalStateException(label + ": a load thread did not finish within 60 s of the end");
            }
        }
        int total = 0;
        for (int c = 0; c < connections; c++) {
            total += counts[c];
        }
        long[] all = new long[total];
        int at = 0;
        long body = 0;
        long errs = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(samples[c], 0, all, at, counts[c]);
            at += counts[c];
            body += bytes[c][0];
            errs += errors[c];
        }
        Arrays.sort(all);
        return new Result(label, connections, measureSeconds, total, errs, total / measureSeconds, percentile(all, 0.50),
                percentile(all, 0.99), total == 0 ? 0 : (double) body / total, firstError.get(), all);
    }
}

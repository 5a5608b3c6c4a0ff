package dev.replay4j.bench.replay;

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
                  double p50Micros, double p99Micros, double meanBodyBytes, String firstError) {
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
                            status = e.status;
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
        double p50 = total == 0 ? Double.NaN : all[(int) Math.min(total - 1, Math.floor(total * 0.50))] / 1e3;
        double p99 = total == 0 ? Double.NaN : all[(int) Math.min(total - 1, Math.floor(total * 0.99))] / 1e3;
        return new Result(label, connections, measureSeconds, total, errs, total / measureSeconds, p50, p99,
                total == 0 ? 0 : (double) body / total, firstError.get());
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * One fault a request can be given instead of, or on top of, its normal answer; immutable. Read from a
 * {@code SPEC}: a comma-separated list of {@code key=value} items ({@code reset} stands alone), as the
 * {@code X-Replay4j-Fault} header, {@code serve --fault} and {@code replay4j.fault} take it:
 * <ul>
 *   <li>what it does: {@code status=N} (with {@code retry-after=SECONDS}), {@code reset}, {@code delay=MS},
 *       {@code cut-after=N};</li>
 *   <li>which requests it takes: {@code endpoint=PATH}, {@code times=N}, {@code rate=P} with {@code seed=S}.</li>
 * </ul>
 *
 * @param status     the status to answer with, or 0 for none
 * @param retryAfter the {@code Retry-After} header's seconds, or -1 for none
 * @param delayMs    the wait before the first byte, or 0
 * @param cutAfter   events (or bytes, for an answer that is not a stream) sent before the connection is closed, or -1
 * @param reset      close the connection without an answer
 * @param endpoint   the only path it applies to, or {@code null} for every path
 * @param times      how many matching requests it takes, or -1 for all of them
 * @param rate       the fraction of matching requests it takes, from 0 to 1
 * @param seed       what makes the fraction's choice of requests repeatable
 * @param spec       the spec as given, for logs and the usage report
 */
public record Fault(int status, int retryAfter, long delayMs, int cutAfter, boolean reset, String endpoint, int times,
                    double rate, long seed, String spec) {
    /** The request header that gives one request a fault; never forwarded, never recorded. */
    public static final String HEADER = "X-Replay4j-Fault";
    private static final long MAX_DELAY_MS = 24L * 3600 * 1000;

    /**
     * Reads a spec.
     *
     * @throws IllegalArgumentException naming the item that is wrong, and why
     */
    public static Fault parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("an empty fault: give items such as status=429,retry-after=1,times=1");
        }
        int status = 0;
        int retryAfter = -1;
        long delay = 0;
        int cutAfter = -1;
        boolean reset = false;
        String endpoint = null;
        int times = -1;
        double rate = 1;
        long seed = 0;
        boolean rateGiven = false;
        boolean seedGiven = false;
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : spec.split(",", -1)) {
            String item = raw.trim();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("an empty item in the fault '" + spec.trim() + "': items are separated by single commas");
            }
            int eq = item.indexOf('=');
            String key = (eq < 0 ? item : item.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : item.substring(eq + 1).trim();
            if (!seen.add(key)) {
                throw new IllegalArgumentException("the fault item '" + item + "': " + key + " is given twice");
            }
            if (key.equals("reset")) {
                if (value != null) {
                    throw new IllegalArgumentException("the fault item '" + item + "': reset takes no value");
                }
                reset = true;
                continue;
            }
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("the fault item '" + item + "': " + (KEYS.contains(key)
                        ? key + " needs a value, as in " + key + "=" + example(key) : unknown(key)));
            }
            switch (key) {
                case "status":
                    status = (int) integer(item, value, 100, 599);
                    break;
                case "retry-after":
                    retryAfter = (int) integer(item, value, 0, 86_400);
                    break;
                case "delay":
                    delay = integer(item, value, 0, MAX_DELAY_MS);
                    break;
                case "cut-after":
                    cutAfter = (int) integer(item, value, 0, Integer.MAX_VALUE);
                    break;
                case "endpoint":
                    if (!value.startsWith("/")) {
                        throw new IllegalArgumentException("the fault item '" + item + "': the endpoint is a path, such as"
                                + " /v1/chat/completions");
                    }
                    endpoint = value;
                    break;
                case "times":
                    times = (int) integer(item, value, 1, Integer.MAX_VALUE);
                    break;
                case "rate":
                    try {
                        rate = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        rate = Double.NaN;
                    }
                    if (!(rate >= 0 && rate <= 1) || value.endsWith("d") || value.endsWith("f") || value.endsWith("D") || value.endsWith("F")) {
                        throw new IllegalArgumentException("the fault item '" + item + "': the rate is a fraction from 0 to 1, such as 0.25");
                    }
                    rateGiven = true;
                    break;
                case "seed":
                    seed = integer(item, value, Long.MIN_VALUE, Long.MAX_VALUE);
                    seedGiven = true;
                    break;
                default:
                    throw new IllegalArgumentException("the fault item '" + item + "': " + unknown(key));
            }
        }
        if (status == 0 && !reset && delay == 0 && cutAfter < 0) {
            throw new IllegalArgumentException("the fault '" + spec.trim() + "' does nothing: give status=N, reset, delay=MS or"
                    + " cut-after=N");
        }
        if (reset && (status != 0 || cutAfter >= 0)) {
            throw new IllegalArgumentException("the fault '" + spec.trim() + "': reset sends no answer, so it cannot have "
                    + (status != 0 ? "a status" : "cut-after"));
        }
        if (retryAfter >= 0 && status == 0) {
            throw new IllegalArgumentException("the fault item 'retry-after=" + retryAfter + "': retry-after goes with status=N");
        }
        if (seedGiven && !rateGiven) {
            throw new IllegalArgumentException("the fault item 'seed=" + seed + "': seed goes with rate=P");
        }
        return new Fault(status, retryAfter, delay, cutAfter, reset, endpoint, times, rate, seed, spec.trim());
    }

    /** Reads several specs separated by {@code ;} (the form of {@code replay4j.fault}). */
    public static java.util.List<Fault> parseList(String specs) {
        java.util.List<Fault> out = new java.util.ArrayList<>();
        for (String one : specs.split(";")) {
            if (!one.isBlank()) {
                out.add(parse(one));
            }
        }
        return java.util.List.copyOf(out);
    }

    /** True when the fault is the whole answer: the request goes no further (never to the upstream). */
    boolean answers() {
        return status != 0 || reset;
    }

    /** True for a fault that applies to this request's path. */
    boolean appliesTo(String path) {
        return endpoint == null || endpoint.equals(path);
    }

    private static final Set<String> KEYS = Set.of("status", "retry-after", "delay", "cut-after", "reset", "endpoint", "times",
            "rate", "seed");

    private static String unknown(String key) {
        return "'" + key + "' is not a fault item: use status=N, retry-after=SECONDS, delay=MS, cut-after=N, reset,"
                + " endpoint=PATH, times=N, rate=P, seed=S";
    }

    private static String example(String key) {
        switch (key) {
            case "status": return "429";
            case "retry-after": return "1";
            case "delay": return "2000";
            case "endpoint": return "/v1/chat/completions";
            case "rate": return "0.5";
            default: return "3";
        }
    }

    private static long integer(String item, String value, long min, long max) {
        long n;
        try {
            if (!value.matches("-?[0-9]{1,19}")) {
                throw new NumberFormatException(value);
            }
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the fault item '" + item + "': '" + value + "' is not a whole number"
                    + (item.startsWith("delay") ? " of milliseconds" : item.startsWith("retry-after") ? " of seconds" : ""));
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("the fault item '" + item + "': the value must be from " + min + " to " + max);
        }
        return n;
    }

    @Override
    public String toString() {
        return spec;
    }
}

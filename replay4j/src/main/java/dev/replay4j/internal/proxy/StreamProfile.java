// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import java.util.Locale;

/**
 * A made-up pace for recordings that hold no timing ({@code --stream-profile ttft=MS,rate=N}): the first
 * event {@code ttft} milliseconds after the request, then {@code rate} events a second. An answer that is not
 * a stream waits {@code ttft} before its first byte.
 */
public record StreamProfile(long ttftMs, double eventsPerSecond, String spec) {
    public static StreamProfile parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("an empty stream profile: give ttft=MS,rate=N, such as ttft=300,rate=40");
        }
        long ttft = -1;
        double rate = -1;
        for (String raw : spec.split(",", -1)) {
            String item = raw.trim();
            int eq = item.indexOf('=');
            String key = eq < 0 ? item : item.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : item.substring(eq + 1).trim();
            switch (key) {
                case "ttft":
                    if (ttft >= 0 || !value.matches("[0-9]{1,9}")) {
                        throw new IllegalArgumentException("the stream profile item '" + item + "': ttft is given once, in whole"
                                + " milliseconds, such as ttft=300");
                    }
                    ttft = Long.parseLong(value);
                    break;
                case "rate":
                    double r;
                    try {
                        r = value.matches("[0-9.]+") ? Double.parseDouble(value) : -1;
                    } catch (NumberFormatException e) {
                        r = -1;
                    }
                    if (rate >= 0 || !(r > 0) || r > 1_000_000) {
                        throw new IllegalArgumentException("the stream profile item '" + item + "': rate is given once, in events"
                                + " per second, more than 0, such as rate=40");
                    }
                    rate = r;
                    break;
                default:
                    throw new IllegalArgumentException("the stream profile item '" + item + "': use ttft=MS and rate=N"
                            + " (events per second), such as ttft=300,rate=40");
            }
        }
        if (ttft < 0 || rate < 0) {
            throw new IllegalArgumentException("the stream profile '" + spec.trim() + "' needs both ttft=MS and rate=N, such as"
                    + " ttft=300,rate=40");
        }
        return new StreamProfile(ttft, rate, spec.trim());
    }

    /** Milliseconds from the request to event {@code i} (from 0). */
    double offsetMs(int i) {
        return ttftMs + i * 1000.0 / eventsPerSecond;
    }

    @Override
    public String toString() {
        return spec;
    }
}

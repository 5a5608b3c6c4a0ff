// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.view;

import java.io.PrintWriter;

/** A {@link Conversation} as lines of a terminal: what {@code replay4j show} prints. */
public final class TextView {
    private TextView() {
    }

    public static void print(Conversation c, PrintWriter out) {
        out.println("test id:   " + (c.testId() == null ? "(none: recorded outside any test)" : c.testId()));
        if (c.sequence() > 1) {
            out.println("sequence:  answer " + c.sequence() + " of its sequence (the request's " + ordinal(c.sequence()) + " time in the test)");
        }
        out.println("request:   " + c.method() + " " + c.endpoint() + (c.model().isEmpty() ? "" : "  model " + c.model())
                + "  (" + c.url() + ")");
        boolean messages = false;
        for (Conversation.Turn turn : c.request()) {
            boolean isMessage = !turn.role().equals("system") && !turn.role().equals("prompt") && !turn.role().equals("input")
                    && !turn.role().equals("form");
            if (isMessage && !messages) {
                out.println("messages:");
                messages = true;
            }
            StringBuilder text = new StringBuilder(turn.text());
            turn.toolCalls().forEach(call -> text.append(text.length() > 0 ? " " : "").append("[tool call ").append(call.name())
                    .append(' ').append(call.arguments()).append(']'));
            out.println(isMessage ? "  " + turn.role() + ": " + indent(text.toString()) : label(turn.role()) + indent(text.toString()));
        }
        if (!c.other().isEmpty()) {
            out.println("other:     " + c.other());
        }
        out.println();
        Conversation.Answer a = c.answer();
        switch (a.kind()) {
            case ERROR -> {
                out.println("response:  upstream error " + a.status());
                out.println("message:   " + indent(a.text()));
            }
            case EMBEDDINGS, MODELS -> {
                out.println("response:  " + a.summary());
                if (!a.items().isEmpty()) {
                    out.println("models:");
                    a.items().forEach(m -> out.println("  " + m));
                }
            }
            case JSON -> out.println("response:  " + indent(a.text()));
            default -> {
                if (a.streamed()) {
                    out.println("response:  streamed, " + a.chunks() + " chunks");
                }
                if (a.media() != null && a.text().isEmpty() && a.toolCalls().isEmpty()) {
                    out.println("response:  " + describe(a.media())); // what the bytes are, never the bytes
                } else {
                    if (a.media() != null) {
                        out.println("media:     " + describe(a.media()));
                    }
                    out.println("answer:    " + indent(a.text()));
                }
                a.toolCalls().forEach(call -> out.println("tool call: " + call.name() + " " + call.arguments()));
                if (a.finish() != null) {
                    out.println("finish:    " + a.finish());
                }
            }
        }
        if (a.usage() != null) {
            out.println("usage:     " + a.usage());
        }
        if (a.kind() != Conversation.Kind.ERROR && a.status() != 200) {
            out.println("status:    " + a.status());
        }
        if (!a.headers().isEmpty()) {
            out.println("headers:   " + headers(a));
        }
        if (a.pace() != null) {
            out.println("pace:      " + pace(a));
        }
    }

    /** {@code retry-after: 3, x-ratelimit-remaining-requests: 0}. */
    public static String headers(Conversation.Answer a) {
        StringBuilder out = new StringBuilder();
        a.headers().forEach((name, value) -> out.append(out.length() > 0 ? ", " : "").append(name).append(": ").append(value));
        return out.toString();
    }

    private static String ordinal(int n) {
        int tens = n % 100;
        String suffix = tens >= 11 && tens <= 13 ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
        return n + suffix;
    }

    /** {@code 2,062 bytes of audio/mpeg}. */
    public static String describe(Conversation.Media media) {
        return String.format("%,d bytes of %s", media.bytes(), media.contentType());
    }

    /** {@code first byte after 412 ms, last of 37 chunks after 1,380 ms (27 chunks/s)}. */
    public static String pace(Conversation.Answer a) {
        Conversation.Pace p = a.pace();
        String out = String.format("first byte after %,d ms", p.firstByteMs());
        if (p.lastEventMs() >= 0 && a.chunks() > 0) {
            long span = p.lastEventMs() - p.firstByteMs();
            out += String.format(", last of %,d chunks after %,d ms", a.chunks(), p.lastEventMs());
            if (span > 0) {
                out += String.format(" (%,.0f chunks/s)", a.chunks() * 1000.0 / span);
            }
        }
        return out;
    }

    private static String label(String field) {
        return field + ":" + " ".repeat(Math.max(1, 10 - field.length()));
    }

    /** Continuation lines line up under the first. */
    private static String indent(String text) {
        return text.replace("\n", "\n           ");
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.view;

import java.io.PrintWriter;

/** A {@link Conversation} as lines of a terminal: what {@code replay4j show} prints. */
public final class TextView {
    private TextView() {
    }

    public static void print(Conversation c, PrintWriter out) {
        out.println("test id:   " + (c.testId() == null ? "(none: recorded outside any test)" : c.testId()));
        out.println("request:   " + c.method() + " " + c.endpoint() + (c.model().isEmpty() ? "" : "  model " + c.model())
                + "  (" + c.url() + ")");
        boolean messages = false;
        for (Conversation.Turn turn : c.request()) {
            boolean isMessage = !turn.role().equals("system") && !turn.role().equals("prompt") && !turn.role().equals("input");
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
                if (a.media() != null) {
                    out.println("media:     " + describe(a.media()));
                }
                out.println("answer:    " + indent(a.text()));
                a.toolCalls().forEach(call -> out.println("tool call: " + call.name() + " " + call.arguments()));
                if (a.finish() != null) {
                    out.println("finish:    " + a.finish());
                }
            }
        }
        if (a.pace() != null) {
            out.println("pace:      " + pace(a));
        }
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

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.view;

import java.util.List;
import java.util.Map;

/**
 * A recording as a person reads it: who asked what, and what came back. Made by {@link Conversations}; shown by
 * {@link TextView} ({@code show}), {@link ConversationJson} (the page) and {@link HtmlView} (the run report), so
 * that the three never disagree.
 *
 * @param testId  the test that made it, or {@code null}
 * @param request the request's turns in order: {@code system}, the messages by role, {@code prompt}, {@code input}
 * @param other    the request's other fields, abridged ({@code ""}: none)
 * @param sequence which answer of its sequence the file holds ({@code <key>.<n>.json}: n), or {@code 1}
 */
public record Conversation(String testId, String method, String endpoint, String model, String url, List<Turn> request,
                           String other, Answer answer, int sequence) {
    public Conversation {
        request = List.copyOf(request);
    }

    /** One message of the request (or its prompt): a role, its text, the tool calls it carries. */
    public record Turn(String role, String text, List<ToolCall> toolCalls) {
        public Turn {
            toolCalls = List.copyOf(toolCalls);
        }
    }

    /** A tool call: the function's name and its arguments as sent (JSON text, usually). */
    public record ToolCall(String name, String arguments) {
    }

    /** How long a recorded answer took: to its first byte, and to its last event ({@code -1}: not a stream). */
    public record Pace(long firstByteMs, long lastEventMs) {
    }

    /** An answer that is not text: an image or audio, by content type and size, with its bytes when small enough. */
    public record Media(String contentType, long bytes, String base64) {
    }

    /** What kind of answer it is, which decides how it is shown. */
    public enum Kind { TEXT, ERROR, EMBEDDINGS, MODELS, MEDIA, JSON }

    /**
     * The answer.
     *
     * @param streamed whether it came as a stream (then {@code chunks} counts its events)
     * @param text     the answer's text (a stream's joined), an error's message, or a JSON body pretty-printed
     * @param summary  one line of what it is for answers that are not text, such as {@code 2 embeddings of 768 dimensions}
     * @param items    the entries of a list answer (model ids)
     * @param pace     the recorded timing, or {@code null}
     * @param media    an image or audio, or {@code null}
     * @param headers  the answer headers the recording kept (lower-case names), in order
     * @param usage    the tokens it counts, such as {@code 12 in, 5 out}, or {@code null}
     */
    public record Answer(Kind kind, int status, boolean streamed, int chunks, String text, List<ToolCall> toolCalls,
                         String finish, String summary, List<String> items, Pace pace, Media media, Map<String, String> headers,
                         String usage) {
        public Answer {
            toolCalls = List.copyOf(toolCalls);
            items = List.copyOf(items);
            headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        }

        /** This answer with the recorded status and headers. */
        Answer withExchange(int status, Map<String, String> headers) {
            return new Answer(kind, status, streamed, chunks, text, toolCalls, finish, summary, items, pace, media, headers, usage);
        }

        /** This answer with the tokens it counts. */
        Answer withUsage(String usage) {
            return new Answer(kind, status, streamed, chunks, text, toolCalls, finish, summary, items, pace, media, headers, usage);
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import com.sun.net.httpserver.HttpExchange;
import dev.replay4j.ApiFamily;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

/** Writing answers to the client, and the words for what went wrong. */
final class Responses {
    private Responses() {
    }

    /**
     * Sends a whole answer. What the client has not sent of its body (when the answer is a refusal) is drained
     * after the answer is out, under the server's client timeout: a client stalling there is cut, having had its
     * answer.
     */
    static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        if (body.length == 0) {
            closeRequestBody(ex); // no answer body: the server ends the exchange within sendResponseHeaders
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        OutputStream out = ex.getResponseBody();
        out.write(body);
        out.flush();
        closeRequestBody(ex);
        out.close();
    }

    /**
     * Ends the request body: what the client has not sent yet is drained (up to 64 KiB, then the connection is
     * closed after the answer), under the server's client timeout. A body read to its end costs
     * nothing here.
     */
    static void closeRequestBody(HttpExchange ex) throws IOException {
        ex.getRequestBody().close();
    }

    /** One of replay4j's own errors, in the shape of the API's errors so that its SDKs show the message. */
    static void sendError(HttpExchange ex, ApiFamily family, int status, String type, String message) throws IOException {
        ex.getResponseHeaders().set("X-Replay4j-Error", type);
        if (family == ApiFamily.BEDROCK) {
            ex.getResponseHeaders().set("x-amzn-ErrorType", type);
        }
        send(ex, status, "application/json", ApiErrors.body(family, status, type, message));
    }

    /** {@link #sendError}, unless the answer has started or the client is gone. */
    static void trySendError(HttpExchange ex, ApiFamily family, int status, String type, String message) {
        try {
            if (ex.getResponseCode() < 0) {
                sendError(ex, family, status, type, message);
            }
        } catch (IOException | RuntimeException ignored) {
            // the response had started or the client is gone; the log line says what happened
        }
    }

    /**
     * A header value that is safe to send and reads the same everywhere: a server that writes each char as one byte
     * (the JDK's does) would make U+010D a CR; everything outside printable ASCII is percent-encoded.
     */
    static String headerValue(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '%') {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            int cp = s.codePointAt(i);
            out.append(PercentCoding.encode(new String(Character.toChars(cp))));
            i += Character.charCount(cp) - 1;
        }
        return out == null ? s : out.toString();
    }

    /**
     * A failure in a few words, for a log line or an error answer: what came from outside is escaped, and
     * any URL in it redacted as recordings redact it.
     */
    static String describe(Throwable e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message != null ? ": " + Secrets.printable(redactUrls(message)) : "");
    }

    /** Every {@code scheme://...} in a text, as {@link Secrets#recordableUrl} writes it. */
    static String redactUrls(String text) {
        int start = text.indexOf("://");
        if (start < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (start >= 0) {
            int begin = start;
            while (begin > from && Character.isLetterOrDigit(text.charAt(begin - 1)) || begin > from && "+.-".indexOf(text.charAt(begin - 1)) >= 0) {
                begin--;
            }
            int end = start + 3;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && "\"'<>".indexOf(text.charAt(end)) < 0) {
                end++;
            }
            out.append(text, from, begin).append(Secrets.recordableUrl(text.substring(begin, end)));
            from = end;
            start = text.indexOf("://", from);
        }
        return out.append(text, from, text.length()).toString();
    }
}

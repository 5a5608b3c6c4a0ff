// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.http;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A response's status line and headers as bytes; the Date header is formatted once a second, not per answer. */
final class ResponseHead {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static volatile Date date = new Date(0, "");

    private ResponseHead() {
    }

    static byte[] of(int status, Headers headers) {
        StringBuilder s = new StringBuilder(256);
        s.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            for (String value : h.getValue()) {
                s.append(h.getKey()).append(": ").append(value).append("\r\n");
            }
        }
        s.append("\r\n");
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The Date header's value for now (RFC 9110, 5.6.7). */
    static String date() {
        long second = System.currentTimeMillis() / 1000;
        Date d = date;
        if (d.second != second) {
            d = new Date(second, DATE.format(Instant.ofEpochSecond(second)));
            date = d;
        }
        return d.text;
    }

    static String reason(int status) {
        switch (status) {
            case 100: return "Continue";
            case 200: return "OK";
            case 201: return "Created";
            case 202: return "Accepted";
            case 204: return "No Content";
            case 206: return "Partial Content";
            case 301: return "Moved Permanently";
            case 302: return "Found";
            case 304: return "Not Modified";
            case 307: return "Temporary Redirect";
            case 308: return "Permanent Redirect";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 408: return "Request Timeout";
            case 409: return "Conflict";
            case 413: return "Content Too Large";
            case 415: return "Unsupported Media Type";
            case 421: return "Misdirected Request";
            case 422: return "Unprocessable Content";
            case 429: return "Too Many Requests";
            case 431: return "Request Header Fields Too Large";
            case 500: return "Internal Server Error";
            case 501: return "Not Implemented";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            case 505: return "HTTP Version Not Supported";
            case 529: return "Overloaded";
            default: return "";
        }
    }

    private static final class Date {
        final long second;
        final String text;

        Date(long second, String text) {
            this.second = second;
            this.text = text;
        }
    }
}

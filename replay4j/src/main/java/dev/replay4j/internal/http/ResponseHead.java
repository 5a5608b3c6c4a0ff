// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.http;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A response's status line and headers as bytes; the Date header is formatted once a second, not per answer. */
final class ResponseHead {
    private static final String[] DAYS = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"}; // 1970-01-01 was a Thursday
    private static final String[] MONTHS =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
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
            d = new Date(second, imfFixdate(second));
            date = d;
        }
        return d.text;
    }

    /**
     * {@code Sun, 06 Nov 1994 08:49:37 GMT} for seconds since the epoch, written out: a {@code DateTimeFormatter} with
     * day and month names loads the JDK's locale data on its first use, 90 to 100 ms of a test JVM's first answer.
     */
    static String imfFixdate(long epochSecond) {
        long day = Math.floorDiv(epochSecond, 86_400L);
        int inDay = (int) Math.floorMod(epochSecond, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        StringBuilder s = new StringBuilder(29);
        s.append(DAYS[(int) Math.floorMod(day, 7L)]).append(", ");
        twoDigits(s, date.getDayOfMonth()).append(' ').append(MONTHS[date.getMonthValue() - 1]).append(' ');
        s.append(date.getYear()).append(' ');
        twoDigits(s, inDay / 3600).append(':');
        twoDigits(s, inDay / 60 % 60).append(':');
        return twoDigits(s, inDay % 60).append(" GMT").toString();
    }

    private static StringBuilder twoDigits(StringBuilder s, int n) {
        return s.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
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

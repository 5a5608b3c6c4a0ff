// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.http;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A request's line and headers, as read off the connection. */
final class RequestHead {
    /** The longest line of a head, and the most header lines: what a client sends beyond them is refused. */
    static final int MAX_LINE = 64 * 1024;
    static final int MAX_HEADERS = 200;
    /** The most a whole head may take (the JDK server's default is 380 KB): at the default of 512 threads, 128 MiB at most. */
    static final int MAX_HEAD = 256 * 1024;

    final String method;
    final URI uri;
    final String protocol;
    final Headers headers;
    /** -1: no body; -2: chunked; else its length. */
    final long bodyLength;
    final boolean keepAlive;
    final boolean expectsContinue;

    private RequestHead(String method, URI uri, String protocol, Headers headers, long bodyLength, boolean keepAlive,
                        boolean expectsContinue) {
        this.method = method;
        this.uri = uri;
        this.protocol = protocol;
        this.headers = headers;
        this.bodyLength = bodyLength;
        this.keepAlive = keepAlive;
        this.expectsContinue = expectsContinue;
    }

    boolean http10() {
        return protocol.equals("HTTP/1.0");
    }

    /**
     * Reads the next head. Empty lines before it are skipped (RFC 9112, 2.2).
     *
     * @throws BadRequest for a head that is not HTTP/1.x
     * @throws java.net.SocketTimeoutException when the deadline passed first
     */
    static RequestHead read(ConnectionInput in, long deadline) throws IOException {
        String line;
        do {
            line = in.readLine(deadline, MAX_LINE);
        } while (line.isEmpty());
        int sp1 = line.indexOf(' ');
        int sp2 = line.lastIndexOf(' ');
        if (sp1 <= 0 || sp2 <= sp1) {
            throw new BadRequest(400, "a request line that is not METHOD TARGET VERSION");
        }
        String method = line.substring(0, sp1);
        String target = line.substring(sp1 + 1, sp2);
        String protocol = line.substring(sp2 + 1);
        if (!isToken(method)) {
            throw new BadRequest(400, "a request method that is not a token");
        }
        if (!protocol.equals("HTTP/1.1") && !protocol.equals("HTTP/1.0")) {
            throw new BadRequest(505, "HTTP/1.0 and HTTP/1.1 only, not " + printable(protocol));
        }
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            throw new BadRequest(400, "a request target that is not a URI");
        }
        Headers headers = new Headers();
        int count = 0;
        long size = line.length();
        while (true) {
            String h = in.readLine(deadline, MAX_LINE);
            if (h.isEmpty()) {
                break;
            }
            if (++count > MAX_HEADERS) {
                throw new BadRequest(431, "more than " + MAX_HEADERS + " request headers");
            }
            size += h.length();
            if (size > MAX_HEAD) {
                throw new BadRequest(431, "a request head over " + MAX_HEAD / 1024 + " KiB");
            }
            int colon = h.indexOf(':');
            if (colon <= 0 || !isToken(h.substring(0, colon))) {
                throw new BadRequest(400, "a request header line that is not NAME: VALUE");
            }
            String value = withoutOws(h.substring(colon + 1));
            if (!isFieldValue(value)) {
                throw new BadRequest(400, "a request header value with a control character");
            }
            headers.add(h.substring(0, colon), value);
        }
        return of(method, uri, protocol, headers);
    }

    private static RequestHead of(String method, URI uri, String protocol, Headers headers) throws BadRequest {
        List<String> te = tokens(headers, "Transfer-Encoding");
        String cl = headers.getFirst("Content-Length");
        long length = -1;
        if (headers.containsKey("Transfer-Encoding")) {
            if (cl != null) {
                // A body framed twice is how requests are smuggled past a proxy: refused (RFC 9112, 6.1).
                throw new BadRequest(400, "both Transfer-Encoding and Content-Length");
            }
            if (protocol.equals("HTTP/1.0")) {
                throw new BadRequest(400, "a Transfer-Encoding in an HTTP/1.0 request");
            }
            if (!te.equals(List.of("chunked"))) {
                throw new BadRequest(501, "a Transfer-Encoding other than chunked alone");
            }
            length = -2;
        } else if (cl != null) {
            if (headers.get("Content-Length").size() > 1) {
                throw new BadRequest(400, "more than one Content-Length");
            }
            try {
                length = Long.parseLong(cl);
            } catch (NumberFormatException e) {
                length = -3;
            }
            if (length < 0 || cl.charAt(0) == '+') {
                throw new BadRequest(400, "a Content-Length that is not a number of bytes");
            }
        }
        List<String> connection = tokens(headers, "Connection");
        boolean keepAlive = protocol.equals("HTTP/1.0") ? connection.contains("keep-alive") : !connection.contains("close");
        String expect = headers.getFirst("Expect");
        boolean expectsContinue = expect != null && expect.equalsIgnoreCase("100-continue") && !protocol.equals("HTTP/1.0");
        return new RequestHead(method, uri, protocol, headers, length, keepAlive, expectsContinue);
    }

    /** A field value without the spaces and tabs around it (RFC 9110, 5.5); other characters are the value's. */
    private static String withoutOws(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }

    /** A header's comma-separated values, from all its lines, in lower case. */
    private static List<String> tokens(Headers headers, String name) {
        List<String> lines = headers.get(name);
        if (lines == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            for (String t : line.split(",")) {
                String token = t.strip().toLowerCase(Locale.ROOT);
                if (!token.isEmpty()) {
                    out.add(token);
                }
            }
        }
        return out;
    }

    /** RFC 9110, 5.5: visible characters, spaces and tabs, and obs-text; never CR, LF or another control. */
    private static boolean isFieldValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String s) {
        String cut = s.length() > 20 ? s.substring(0, 20) : s;
        return cut.replaceAll("[^\\x21-\\x7e]", "?");
    }
}

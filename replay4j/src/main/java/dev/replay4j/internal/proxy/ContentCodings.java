// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * {@code Content-Encoding} gzip and deflate, decoded so that keys and recordings see the body itself. There is no
 * br: the JDK has no Brotli decoder, and the one on Maven Central ({@code org.brotli:dec}) has had no release since
 * 2017; a body in an encoding not decoded here is refused outside mode live, rather than recorded as noise.
 */
final class ContentCodings {
    private ContentCodings() {
    }

    /** A body that does not decode, or decodes past its limit. */
    static final class DecodingException extends IOException {
        final boolean tooLarge;

        DecodingException(String message, boolean tooLarge) {
            super(message);
            this.tooLarge = tooLarge;
        }
    }

    /** The codings of a {@code Content-Encoding} value, in the order they were applied; {@code identity} left out. */
    static List<String> of(String header) {
        List<String> codings = new ArrayList<>();
        if (header != null) {
            for (String c : header.split(",")) {
                String coding = c.trim().toLowerCase(Locale.ROOT);
                if (!coding.isEmpty() && !coding.equals("identity")) {
                    codings.add(coding);
                }
            }
        }
        return codings;
    }

    /** The first coding of the value that is not decoded here, or {@code null}. */
    static String unsupported(String header) {
        for (String coding : of(header)) {
            if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("deflate")) {
                return coding;
            }
        }
        return null;
    }

    /** True when the value names a coding to decode. */
    static boolean encoded(String header) {
        return !of(header).isEmpty();
    }

    /** The stream decoded, codings taken off last applied first; the caller checked {@link #unsupported}. */
    static InputStream decoding(String header, InputStream in) throws IOException {
        List<String> codings = of(header);
        Collections.reverse(codings);
        InputStream out = in;
        for (String coding : codings) {
            out = coding.equals("deflate") ? deflate(out) : new GZIPInputStream(out, 8192);
        }
        return out;
    }

    /** HTTP's deflate is zlib's format, but some servers send raw deflate: told apart by zlib's first byte. */
    private static InputStream deflate(InputStream in) throws IOException {
        PushbackInputStream p = new PushbackInputStream(in, 1);
        int first = p.read();
        if (first >= 0) {
            p.unread(first);
        }
        boolean zlib = (first & 0x0f) == 8; // CM = 8 in a zlib header; a raw block's low bits say otherwise
        return new InflaterInputStream(p, new Inflater(!zlib), 8192);
    }

    /**
     * The decoded body, at most {@code max} bytes.
     *
     * @throws DecodingException when it is not in the encoding it claims, or decodes to more than {@code max} bytes
     */
    static byte[] decode(String header, byte[] body, long max, String what) throws DecodingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, Math.min(body.length * 4, 1 << 20)));
        byte[] buffer = new byte[16384];
        try (InputStream in = decoding(header, new ByteArrayInputStream(body))) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > max) {
                    throw new DecodingException(what + " (" + body.length + " bytes of Content-Encoding " + header
                            + ") decodes to more than replay4j's limit of " + max + " bytes (serve --max-body-bytes)", true);
                }
            }
        } catch (DecodingException e) {
            throw e;
        } catch (IOException e) {
            throw new DecodingException(what + " says Content-Encoding " + header + ", but is not: " + e.getMessage(), false);
        }
        return out.toByteArray();
    }
}

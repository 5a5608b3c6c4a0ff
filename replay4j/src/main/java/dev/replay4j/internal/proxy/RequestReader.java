// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static dev.replay4j.internal.proxy.Responses.sendError;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.replay4j.ApiFamily;
import dev.replay4j.internal.key.BodyFormatException;
import dev.replay4j.internal.key.RequestBodies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request's body within the size limit, and turns it into the JSON the key is computed from. */
final class RequestReader {
    private final long maxBodyBytes;
    private final Secrets secrets;

    RequestReader(long maxBodyBytes, Secrets secrets) {
        this.maxBodyBytes = maxBodyBytes;
        this.secrets = secrets;
    }

    /**
     * True when the budget can take the tree that parsing the call's body will build (see {@link TreeCost}); else
     * the client has its 413 or 503.
     */
    boolean treeAfforded(HttpExchange ex, Call call, MemoryBudget.Lease lease) throws IOException {
        byte[] body = call.body();
        ApiFamily family = call.family();
        if (body.length < MemoryBudget.SMALL) {
            return true;
        }
        long tree = TreeCost.beyondFactor(body);
        MemoryBudget.Outcome outcome = tree == 0 ? MemoryBudget.Outcome.RESERVED : lease.reserve(tree, 1);
        if (outcome == MemoryBudget.Outcome.NEVER) {
            sendError(ex, family, 413, "replay4j_body_too_large", "the request body (" + body.length + " bytes) holds so many"
                    + " values that its tree needs about " + MemoryBudget.mib(tree + MemoryBudget.cost(body.length, MemoryBudget.FACTOR))
                    + " MiB of heap in replay4j, more than it lets bodies take (" + lease.describe() + "): give its JVM more"
                    + " heap (-Xmx), or send a smaller body");
            return false;
        }
        if (outcome == MemoryBudget.Outcome.BUSY) {
            ex.getResponseHeaders().set("Retry-After", "5");
            sendError(ex, family, 503, "replay4j_insufficient_memory", "replay4j has no memory for the tree of the request body ("
                    + body.length + " bytes) now: other large bodies in flight hold it (" + lease.describe() + "); try again"
                    + " when they are done, send fewer at once, or give its JVM more heap (-Xmx)");
            return false;
        }
        return true;
    }

    /**
     * The body's bytes, decoded when it came in Content-Encoding gzip or deflate (within the same limit), or
     * {@code null} when it was refused (the client has its answer then).
     */
    byte[] read(HttpExchange ex, ApiFamily family, MemoryBudget.Lease lease) throws IOException {
        byte[] body = readAsSent(ex, family, lease);
        String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
        if (body == null || body.length == 0 || !ContentCodings.encoded(encoding) || ContentCodings.unsupported(encoding) != null) {
            return body; // an encoding not decoded here: passed on as it is in mode live, refused by parse otherwise
        }
        byte[] decoded;
        try {
            decoded = ContentCodings.decode(encoding, body, maxBodyBytes, "the request body");
        } catch (ContentCodings.DecodingException e) {
            if (e.tooLarge) {
                sendError(ex, family, 413, "replay4j_body_too_large", e.getMessage());
            } else {
                sendError(ex, family, 400, "replay4j_bad_encoding", e.getMessage() + "; nothing was forwarded");
            }
            return null;
        }
        if (!afforded(ex, family, lease, lease.reserve(decoded.length, MemoryBudget.FACTOR), decoded.length)) {
            return null;
        }
        return decoded;
    }

    private byte[] readAsSent(HttpExchange ex, ApiFamily family, MemoryBudget.Lease lease) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                sendError(ex, family, 400, "replay4j_bad_request", "Content-Length is not a number: " + length);
                return null;
            }
            if (declared > maxBodyBytes || declared > Integer.MAX_VALUE - 8) { // a Java array holds no more
                tooLarge(ex, family, declared + " bytes");
                return null;
            }
        }
        if (declared >= 0) {
            if (!afforded(ex, family, lease, lease.reserve(declared, MemoryBudget.FACTOR), declared)) {
                return null;
            }
            return readExactly(ex.getRequestBody(), (int) declared);
        }
        // Chunked: no length to size the array by, nor to count in the budget before it comes.
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] buffer = new byte[16384];
        long counted = 0;
        try (InputStream in = ex.getRequestBody()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > maxBodyBytes) {
                    tooLarge(ex, family, "more than " + maxBodyBytes + " bytes");
                    return null;
                }
                if (out.size() - counted >= MemoryBudget.SMALL) {
                    if (!afforded(ex, family, lease, lease.reserve(out.size() - counted, MemoryBudget.FACTOR), out.size())) {
                        return null;
                    }
                    counted = out.size();
                }
            }
        }
        return out.toByteArray();
    }

    /** True when the budget took the body; else the client has its 413 or 503. */
    static boolean afforded(HttpExchange ex, ApiFamily family, MemoryBudget.Lease lease, MemoryBudget.Outcome outcome, long bytes)
            throws IOException {
        if (outcome == MemoryBudget.Outcome.RESERVED) {
            return true;
        }
        // The client may be sending its body already (the server answers "Expect: 100-continue" by itself): an
        // answer before its end, then a close, would reach it as a reset. Read it to its end, keeping nothing.
        discard(ex.getRequestBody());
        switch (outcome) {
            case NEVER:
                sendError(ex, family, 413, "replay4j_body_too_large", "the request body (" + bytes + " bytes) needs about "
                        + MemoryBudget.mib(MemoryBudget.cost(bytes, MemoryBudget.FACTOR)) + " MiB of heap in replay4j, more than it lets bodies take ("
                        + lease.describe() + "): give its JVM more heap (-Xmx), or send a smaller body");
                return false;
            default:
                ex.getResponseHeaders().set("Retry-After", "5");
                sendError(ex, family, 503, "replay4j_insufficient_memory", "replay4j has no memory for the request body ("
                        + bytes + " bytes) now: other large bodies in flight hold it (" + lease.describe() + "); try again when"
                        + " they are done, send fewer at once, or give its JVM more heap (-Xmx)");
                return false;
        }
    }


    private static void discard(InputStream body) throws IOException {
        byte[] buffer = new byte[16384];
        try (InputStream in = body) {
            while (in.read(buffer) >= 0) {
                // dropped
            }
        }
    }

    /** A body of a known length, read into one array of that size: no growing buffer, no copy of it. */
    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] body = new byte[length];
        int off = 0;
        try (in) {
            while (off < length) {
                int n = in.read(body, off, length - off);
                if (n < 0) {
                    throw new IOException("the client closed its request after " + off + " of its " + length + " bytes");
                }
                off += n;
            }
        }
        return body;
    }

    private void tooLarge(HttpExchange ex, ApiFamily family, String size) throws IOException {
        sendError(ex, family, 413, "replay4j_body_too_large", "the request body (" + size + ") is larger than replay4j's limit of "
                + maxBodyBytes + " bytes (serve --max-body-bytes)");
    }

    /**
     * The call with its body parsed and the redacted fields replaced, or {@code null} when the body is not JSON
     * (the client has its answer then).
     */
    Call parse(HttpExchange ex, Call call) throws IOException {
        String encoding = call.headers().getFirst("Content-Encoding");
        String unsupported = ContentCodings.unsupported(encoding);
        if (unsupported != null) {
            sendError(ex, call.family(), 415, "replay4j_unsupported_encoding", "the body of " + call + " is in Content-Encoding "
                    + encoding + ", which replay4j cannot decode to key it (only gzip and deflate); nothing was forwarded."
                    + " Calls with such bodies work in mode live only.");
            return null;
        }
        JsonNode json;
        try {
            json = RequestBodies.keyed(call.body(), call.headers().getFirst("Content-Type"));
        } catch (BodyFormatException e) {
            sendError(ex, call.family(), 400, "replay4j_bad_multipart", "the body of " + call + " is not a multipart form: "
                    + e.getMessage() + "; nothing was forwarded");
            return null;
        }
        secrets.redactBody(json);
        return call.withJson(json);
    }

    static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}

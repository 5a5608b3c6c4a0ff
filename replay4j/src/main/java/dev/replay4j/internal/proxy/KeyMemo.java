// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import dev.replay4j.internal.key.RequestKey;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The candidate keys of requests already looked up, by the exact request (method, path, test id, upstream
 * base and body bytes): a test that sends the same request again skips parsing, normalising and hashing
 * its body. Keys are a pure function of the request and of the proxy's fixed settings (layout, upstream,
 * redacted fields), so a memoised list is the list a fresh computation gives; the files are still probed
 * every time. Bounded in bytes, least recently used first out; only requests that were made are held.
 */
final class KeyMemo {
    /** The bytes of request bodies held, by default. */
    static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    /** A request as the lookup sees it; the body is compared byte for byte. */
    static final class Request {
        final String method;
        final String path;
        final String testId;
        final String upstreamBase;
        final byte[] body;
        private final int hash;

        Request(String method, String path, String testId, String upstreamBase, byte[] body) {
            this.method = method;
            this.path = path;
            this.testId = testId;
            this.upstreamBase = upstreamBase;
            this.body = body;
            this.hash = Objects.hash(method, path, testId, upstreamBase) * 31 + Arrays.hashCode(body);
        }

        long weight() {
            return body.length + 2L * (method.length() + path.length() + (testId == null ? 0 : testId.length())
                    + (upstreamBase == null ? 0 : upstreamBase.length())) + 64 * 5 + 256;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Request r && hash == r.hash && method.equals(r.method) && path.equals(r.path)
                    && Objects.equals(testId, r.testId) && Objects.equals(upstreamBase, r.upstreamBase) && Arrays.equals(body, r.body);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * What is known of a request: its candidate keys (empty: seen once, not computed yet), and the file the last lookup
     * under them found, or {@code null}; the next lookup reads that file first with one system call instead of two.
     */
    record Known(List<RequestKey> keys, Path found) {
    }

    private final long maxBytes;
    private long bytes;
    private final LinkedHashMap<Request, Known> entries = new LinkedHashMap<>(256, 0.75f, true);

    KeyMemo(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized Known get(Request request) {
        return entries.get(request);
    }

    /** Holds the candidate keys of a request; a body larger than a quarter of the bound is not held. */
    void put(Request request, List<RequestKey> keys) {
        put(request, keys, null);
    }

    /** {@link #put(Request, List)}, with the file the lookup under these keys found ({@code null}: none). */
    void put(Request request, List<RequestKey> keys, Path found) {
        long weight = request.weight();
        if (weight > maxBytes / 4) {
            return;
        }
        Known known = new Known(List.copyOf(keys), found);
        synchronized (this) {
            Known old = entries.put(request, known);
            if (old == null) {
                bytes += weight;
            }
            var it = entries.entrySet().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                Map.Entry<Request, Known> eldest = it.next();
                bytes -= eldest.getKey().weight();
                it.remove();
            }
        }
    }

    synchronized int size() {
        return entries.size();
    }
}

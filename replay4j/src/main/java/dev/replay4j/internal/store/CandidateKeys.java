// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.store;

import dev.replay4j.Layout;
import dev.replay4j.internal.key.KeyVersion;
import dev.replay4j.internal.key.KeyedQuery;
import dev.replay4j.internal.key.UrlParts;
import dev.replay4j.internal.key.RequestKey;
import dev.replay4j.internal.key.RequestKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The keys a lookup tries, in order: every candidate upstream path (the configured upstream's, or the
 * layout's implicit base paths; with the keyed query parameters, then without them), the request's method (and {@code POST} for a {@code GET} in the
 * llama-stack layout), key version 2 then 1. Each key is computed only when a probe asks for it: a lookup
 * that finds its file under the first key never hashes the others.
 */
final class CandidateKeys {
    private final RequestKeys keys;
    private final String testId;
    private final List<String[]> specs = new ArrayList<>(4); // {method, url} per candidate, versions inside
    private final KeyVersion[] versions = KeyVersion.lookupOrder();
    private int next;
    private final List<RequestKey> computed = new ArrayList<>(4);

    /** Keys already computed for an earlier, identical request. */
    CandidateKeys(List<RequestKey> known) {
        keys = null;
        testId = null;
        computed.addAll(known);
    }

    CandidateKeys(Layout layout, Lookup lookup) {
        keys = RequestKeys.of(lookup.body());
        testId = lookup.testId();
        List<String> methods = new ArrayList<>(2);
        String method = lookup.method().toUpperCase(Locale.ROOT);
        methods.add(method);
        // llama-stack's recorder stored model lists and a few other calls as POST, whatever the wire said.
        if (method.equals("GET") && layout == Layout.LLAMA_STACK) {
            methods.add("POST");
        }
        for (String url : candidateUrls(layout, lookup.upstreamBase(), lookup.path())) {
            String query = lookup.rawQuery() == null ? "" : KeyedQuery.of(UrlParts.of(url).path(), "?" + lookup.rawQuery());
            for (String m : methods) {
                specs.add(new String[] {m, url + query});
                if (!query.isEmpty()) {
                    specs.add(new String[] {m, url}); // as keyed before the query was: older recordings still replay
                }
            }
        }
    }

    /** The upstream URLs (or paths) whose path a lookup hashes, in the order it tries them. */
    static List<String> candidateUrls(Layout layout, String upstreamBase, String clientPath) {
        if (upstreamBase != null) {
            return List.of(join(upstreamBase, clientPath));
        }
        // The llama-stack sample was recorded by clients whose base URL ended in /v1, so its keys hash the doubled path.
        String[] implicitBasePaths = layout == Layout.LLAMA_STACK ? new String[] {"/v1", ""} : new String[] {""};
        List<String> urls = new ArrayList<>(2);
        for (String base : implicitBasePaths) {
            urls.add(base + clientPath);
        }
        return urls;
    }

    /** True when there is an {@code i}-th distinct candidate key, computing keys up to it. */
    boolean has(int i) {
        while (computed.size() <= i && next < specs.size() * versions.length) {
            String[] spec = specs.get(next / versions.length);
            RequestKey key = keys.key(spec[0], spec[1], testId, versions[next % versions.length]);
            next++;
            if (!computed.contains(key)) {
                computed.add(key);
            }
        }
        return computed.size() > i;
    }

    RequestKey get(int i) {
        if (!has(i)) {
            throw new IndexOutOfBoundsException(i);
        }
        return computed.get(i);
    }

    /** The keys computed so far, in order: after a lookup that found nothing, every one. */
    List<RequestKey> computed() {
        return List.copyOf(computed);
    }

    /** Every candidate key, computing those not computed yet. */
    List<RequestKey> all() {
        for (int i = 0; has(i); i++) {
            // computes them all
        }
        return List.copyOf(computed);
    }

    static String join(String base, String path) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return b + (path.startsWith("/") ? path : "/" + path);
    }
}

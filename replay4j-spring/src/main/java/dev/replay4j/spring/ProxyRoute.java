// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.spring;

import dev.replay4j.internal.proxy.IdCoding;
import dev.replay4j.internal.proxy.InProcessTests;
import dev.replay4j.internal.proxy.ProxyServer;
import java.net.URI;

/**
 * Where a request of the application's model clients goes instead: to the replay4j proxy of the test that sends it,
 * under that test's {@code /_replay4j/id/} prefix, with the application's own base URL as the upstream (sent in
 * {@value ProxyServer#UPSTREAM_HEADER}, used unless {@code replay4j.upstream} names one).
 *
 * <p>The URL is split where the API's path starts ({@code /v1/...}, or Ollama's one-segment {@code /api/NAME}): that
 * is the path the proxy keys, and what comes before it is the upstream's base. So Spring AI 1.1's
 * {@code https://api.openai.com} and 2.0's {@code https://api.openai.com/v1} give the same upstream, and a gateway's
 * {@code https://gw.example/openai} keeps its {@code /openai}. A request with no such path (the application's other
 * HTTP calls) goes where it was sent.
 */
final class ProxyRoute {
    /** The proxied URL and the upstream base URL. */
    record Target(URI uri, String upstream) {
    }

    private ProxyRoute() {
    }

    /**
     * @return {@code null} for a request that is not a model API call (or already goes to a replay4j proxy)
     * @throws IllegalStateException when it is one and cannot be attributed to a running test
     */
    static Target of(String method, URI original) {
        String rawPath = original.getRawPath();
        if (rawPath == null || original.getHost() == null || rawPath.startsWith("/_replay4j/")) {
            return null;
        }
        int start = apiPathStart(rawPath);
        if (start < 0) {
            return null;
        }
        String base = original.getScheme() + "://" + original.getRawAuthority();
        String upstream = base + rawPath.substring(0, start);
        String what = method + " " + base + rawPath;
        InProcessTests.Test test = InProcessTests.current(what);
        String query = original.getRawQuery() == null ? "" : "?" + original.getRawQuery();
        URI proxied = URI.create(test.proxy() + ProxyServer.ID_PREFIX + IdCoding.encode(test.testId()) + rawPath.substring(start) + query);
        return new Target(proxied, upstream);
    }

    /** Where the API's own path starts in a URL's path, or -1. */
    static int apiPathStart(String path) {
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            if (path.startsWith("/v1/", i)) {
                return i;
            }
            if (path.startsWith("/api/", i) && path.length() > i + 5 && path.indexOf('/', i + 5) < 0) {
                return i;
            }
        }
        return -1;
    }
}

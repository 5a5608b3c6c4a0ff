// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.spring;

import dev.replay4j.internal.proxy.ProxyServer;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;

/** Sends the model calls of a {@code RestClient} (Spring AI's calls, LangChain4j's Spring client) to the test's proxy. */
final class RestClientRouting implements ClientHttpRequestInterceptor {
    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution) throws IOException {
        ProxyRoute.Target target = ProxyRoute.of(request.getMethod().name(), request.getURI());
        if (target == null) {
            return execution.execute(request, body);
        }
        HttpRequest routed = new HttpRequestWrapper(request) {
            @Override
            public URI getURI() {
                return target.uri();
            }
        };
        routed.getHeaders().set(ProxyServer.UPSTREAM_HEADER, target.upstream());
        return execution.execute(routed, body);
    }
}

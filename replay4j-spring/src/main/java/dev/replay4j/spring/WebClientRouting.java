// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.spring;

import dev.replay4j.internal.proxy.ProxyServer;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * Sends the model calls of a {@code WebClient} (Spring AI's streams, Ollama's on 2.0) to the test's proxy. Runs when
 * the exchange is subscribed to, on the subscribing thread.
 */
final class WebClientRouting implements ExchangeFilterFunction {
    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        ProxyRoute.Target target;
        try {
            target = ProxyRoute.of(request.method().name(), request.url());
        } catch (IllegalStateException e) {
            return Mono.error(e);
        }
        if (target == null) {
            return next.exchange(request);
        }
        return next.exchange(ClientRequest.from(request).url(target.uri())
                .headers(h -> h.set(ProxyServer.UPSTREAM_HEADER, target.upstream())).build());
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.spring;

import dev.replay4j.internal.proxy.ProxyServer;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends the calls of Spring AI 2's OpenAI and Anthropic SDK clients (OkHttp) to the test's proxy. OkHttp runs it on
 * the calling thread for a call, on its dispatcher's threads for a stream.
 */
final class OkHttpRouting implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        ProxyRoute.Target target;
        try {
            target = ProxyRoute.of(request.method(), request.url().uri());
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e); // what OkHttp hands a stream's callback, not a dead thread
        }
        if (target == null) {
            return chain.proceed(request);
        }
        HttpUrl url = HttpUrl.get(target.uri().toString());
        return chain.proceed(request.newBuilder().url(url).header(ProxyServer.UPSTREAM_HEADER, target.upstream()).build());
    }
}

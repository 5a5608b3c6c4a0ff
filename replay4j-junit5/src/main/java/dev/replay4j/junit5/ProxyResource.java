// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import dev.replay4j.internal.proxy.ProxyConfig;
import dev.replay4j.internal.proxy.ProxyServer;
import dev.replay4j.internal.usage.UsageReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A running proxy in the root store. JUnit 5.10 to 5.12 close store values that are {@code CloseableResource}s;
 * 5.13+ and 6.x close {@code AutoCloseable}s (and only warn about the old interface). Implementing both is read
 * the same by all of them: each calls exactly one {@code close()}, and the proxy's close is idempotent anyway.
 */
@SuppressWarnings("deprecation") // CloseableResource: deprecated in 5.13, and the only interface 5.10 closes
final class ProxyResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final ProxyServer proxy;
    final ProxyConfig config;

    private ProxyResource(ProxyServer proxy, ProxyConfig config) {
        this.proxy = proxy;
        this.config = config;
    }

    static ProxyResource start(ProxyConfig config, UsageReport usage) {
        try {
            ProxyServer proxy = usage != null ? new ProxyServer(config, usage) : new ProxyServer(config);
            return new ProxyResource(proxy.start(), config);
        } catch (IOException e) {
            throw new UncheckedIOException("replay4j could not start its proxy on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        proxy.close();
    }

    @Override
    public String toString() {
        return proxy.toString();
    }
}

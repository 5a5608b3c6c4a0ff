// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import dev.replay4j.Mode;
import dev.replay4j.ReplayProxy;
import java.nio.file.Path;

/**
 * A replay proxy in a JVM of its own, as {@code serve} runs it: prints its port, then
 * serves until its standard input closes. For {@link IdleConnectionsTest}.
 */
public final class IdleProxyMain {
    private IdleProxyMain() {
    }

    public static void main(String[] args) throws Exception {
        try (ReplayProxy proxy = ReplayProxy.builder().recordings(Path.of(args[0])).mode(Mode.REPLAY).build().start()) {
            System.out.println("port " + proxy.url().getPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the test closes our input
            }
        }
    }
}

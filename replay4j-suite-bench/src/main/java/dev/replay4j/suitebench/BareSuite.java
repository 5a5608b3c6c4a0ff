// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.suitebench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference: N tests against a bare JDK server in the test JVM that answers the same fixed body (TCP_NODELAY).
 * A server that does nothing: what a test costs beyond it is the other servers' per-test overhead.
 */
public class BareSuite {
    private static HttpServer server;

    @BeforeAll
    static void start() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        byte[] answer = Files.readString(Path.of(System.getProperty("suite.answer"))).getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, answer.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @ParameterizedTest
    @MethodSource("dev.replay4j.suitebench.Tests#numbers")
    void calls(int i) {
        Calls.call("http://127.0.0.1:" + server.getAddress().getPort() + "/v1", i);
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.suitebench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ServerSocketFactory;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * N tests against OkHttp's MockWebServer, one answer enqueued per test, with {@code TCP_NODELAY} on its accepted
 * sockets (without it each answer waits 40 ms for a delayed ACK).
 */
public class MockWebServerSuite {
    private static MockWebServer server;
    private static String answer;

    @BeforeAll
    static void start() throws IOException {
        answer = Files.readString(Path.of(System.getProperty("suite.answer")));
        server = new MockWebServer();
        server.setServerSocketFactory(new NoDelayServerSockets());
        server.start();
    }

    @AfterAll
    static void stop() throws IOException {
        server.shutdown();
    }

    @ParameterizedTest
    @MethodSource("dev.replay4j.suitebench.Tests#numbers")
    void calls(int i) {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(answer));
        Calls.call(server.url("/v1").toString(), i);
    }

    /** Server sockets whose accepted connections have {@code TCP_NODELAY}. */
    static final class NoDelayServerSockets extends ServerSocketFactory {
        @Override
        public ServerSocket createServerSocket() throws IOException {
            return new ServerSocket() {
                @Override
                public Socket accept() throws IOException {
                    Socket s = super.accept();
                    s.setTcpNoDelay(true);
                    return s;
                }
            };
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, java.net.InetAddress address) throws IOException {
            throw new UnsupportedOperationException();
        }
    }
}

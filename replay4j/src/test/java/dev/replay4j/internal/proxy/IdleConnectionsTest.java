// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * More keep-alive connections than the JDK server keeps idle by default (200), and more than the proxy has threads:
 * each still served. In a JVM of its own, as {@code serve} runs.
 */
@Timeout(120)
class IdleConnectionsTest {
    private static final int CONNECTIONS = 300;

    @TempDir
    Path dir;

    @Test
    void three_hundred_idle_keep_alive_connections_are_all_served_again() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), IdleProxyMain.class.getName(), dir.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process proxy = pb.start();
        List<Socket> sockets = new ArrayList<>();
        try {
            String line = new BufferedReader(new InputStreamReader(proxy.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(line).startsWith("port ");
            int port = Integer.parseInt(line.substring(5).trim());
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket s = new Socket();
                s.setSoTimeout(30_000);
                s.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
                sockets.add(s);
                assertThat(exchange(s, port)).as("first answer on connection " + i).isEqualTo(404);
            }
            // Every connection is idle now; each asks again on the connection it kept.
            int served = 0;
            for (Socket s : sockets) {
                try {
                    served += exchange(s, port) == 404 ? 1 : 0;
                } catch (IOException e) {
                    // closed by the server while idle
                }
            }
            assertThat(served).isEqualTo(CONNECTIONS);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
            proxy.getOutputStream().close();
            if (!proxy.waitFor(20, TimeUnit.SECONDS)) {
                proxy.destroyForcibly();
            }
        }
    }

    /** One GET of a model list there is no recording of (a 404 miss), read to its end; the status. */
    private static int exchange(Socket s, int port) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        String status = readLine(in);
        if (status == null) {
            throw new IOException("closed");
        }
        int length = -1;
        String h;
        while ((h = readLine(in)) != null && !h.isEmpty()) {
            if (h.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(h.substring(15).trim());
            }
        }
        if (length < 0) {
            throw new IOException("no Content-Length");
        }
        in.readNBytes(length);
        return Integer.parseInt(status.split(" ")[1]);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return b.toString().strip();
            }
            b.append((char) c);
        }
        return b.length() == 0 ? null : b.toString();
    }
}

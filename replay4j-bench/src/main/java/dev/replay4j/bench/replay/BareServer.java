// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.bench.replay;

import com.sun.net.httpserver.HttpServer;
import dev.replay4j.internal.http.SocketHttpServer;
import dev.replay4j.internal.proxy.ProxyConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.slf4j.LoggerFactory;

/**
 * The physical reference: a bare JDK HttpServer on loopback that reads the request body and answers a
 * fixed JSON body. Run with {@code -Dsun.net.httpserver.nodelay=true}. With {@code pooled}, its exchanges run on a
 * thread pool ({@link Executors#newCachedThreadPool}) instead of the server's one dispatcher thread: what a server
 * that may block on a slow client or an upstream must do, and what that alone costs. With {@code socket}, the same
 * handler on replay4j's own server ({@link SocketHttpServer}), which serves each connection on one thread.
 *
 * <pre>java -Dsun.net.httpserver.nodelay=true -cp benchmarks.jar dev.replay4j.bench.replay.BareServer PORT BODY_FILE [pooled|socket]</pre>
 */
public final class BareServer {
    private BareServer() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        String variant = args.length > 2 ? args[2] : "";
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        HttpServer server = variant.equals("socket")
                ? SocketHttpServer.create(address, 256, new SocketHttpServer.Settings(ProxyConfig.DEFAULT_MAX_THREADS,
                        Duration.ofSeconds(30), 10_000, "bare", LoggerFactory.getLogger(BareServer.class)))
                : HttpServer.create(address, 256);
        server.createContext("/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        if (variant.equals("pooled")) {
            server.setExecutor(Executors.newCachedThreadPool());
        }
        // Else the default executor: the handler runs on the server's own dispatcher thread, the least work possible.
        server.start();
        System.out.println("bare server on http://127.0.0.1:" + port + " (" + body.length + " bytes per answer)");
    }
}

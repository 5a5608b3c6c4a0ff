// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.bench.replay;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A model upstream for the record-mode measurement: answers every POST with an SSE stream whose first
 * chunk is sent at once and the rest {@code delayMillis} later, so that the time to first chunk is the
 * server's and the network's, not the model's.
 */
final class SlowUpstream implements AutoCloseable {
    /** A path the upstream answers without the wait between chunks, for warm-up requests. */
    static final String NO_DELAY_PATH = Workload.PATH + "?no-delay";
    private static final String CHUNK = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"bench\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"%s\"},"
            + "\"finish_reason\":null}]}\n\n";
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "slow-upstream");
        t.setDaemon(true);
        return t;
    });

    SlowUpstream(int delayMillis) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(String.format(CHUNK, "Hello").getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (!"no-delay".equals(ex.getRequestURI().getRawQuery())) {
                    Thread.sleep(delayMillis);
                }
                for (String word : new String[] {" from", " the", " upstream."}) {
                    out.write(String.format(CHUNK, word).getBytes(StandardCharsets.UTF_8));
                }
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

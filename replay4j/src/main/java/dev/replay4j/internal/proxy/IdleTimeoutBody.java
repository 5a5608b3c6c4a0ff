// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An upstream's body as an {@link InputStream} whose reads give up when no byte has come for the idle time: the
 * JDK client's own timeout ends at the headers, and a stream that stalls after its first chunk would otherwise
 * hold the client for ever. A read that gives up throws {@link HttpTimeoutException} and cancels the body.
 */
final class IdleTimeoutBody implements HttpResponse.BodySubscriber<InputStream> {
    private static final List<ByteBuffer> END = List.of();

    private final Duration idle;
    private final LinkedBlockingQueue<List<ByteBuffer>> buffers = new LinkedBlockingQueue<>();
    private final CompletableFuture<InputStream> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private volatile Throwable failure;

    private IdleTimeoutBody(Duration idle) {
        this.idle = idle;
    }

    static HttpResponse.BodyHandler<InputStream> handler(Duration idle) {
        return info -> new IdleTimeoutBody(idle);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        body.complete(new Stream());
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        buffers.offer(item);
    }

    @Override
    public void onError(Throwable throwable) {
        failure = throwable;
        buffers.offer(END);
        body.completeExceptionally(throwable); // no effect once the stream was handed out
    }

    @Override
    public void onComplete() {
        buffers.offer(END);
    }

    private final class Stream extends InputStream {
        private Iterator<ByteBuffer> current = List.<ByteBuffer>of().iterator();
        private ByteBuffer buffer;
        private boolean done;
        private boolean closed;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("closed");
            }
            if (len == 0) {
                return 0;
            }
            while (buffer == null || !buffer.hasRemaining()) {
                if (current.hasNext()) {
                    buffer = current.next();
                    continue;
                }
                if (done) {
                    throwFailure();
                    return -1;
                }
                List<ByteBuffer> next;
                try {
                    next = buffers.poll(idle.toNanos(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the upstream");
                }
                if (next == null) {
                    close();
                    throw new HttpTimeoutException("no byte from the upstream for " + idle.toSeconds() + " s");
                }
                if (next == END) {
                    done = true;
                    throwFailure();
                    return -1;
                }
                current = next.iterator();
                subscription.request(1);
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }

        private void throwFailure() throws IOException {
            Throwable f = failure;
            if (f != null) {
                throw f instanceof IOException ? (IOException) f : new IOException(f);
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                Flow.Subscription s = subscription;
                if (s != null && !done) {
                    s.cancel();
                }
                buffers.offer(END); // wakes a read blocked on another thread
            }
        }
    }
}

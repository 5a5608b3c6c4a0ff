// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.key.KeyVersion;
import dev.replay4j.internal.key.RequestKey;
import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.recording.RecordingFormat;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Loads and initialises, on a background thread, the classes the first replayed request needs (Jackson's
 * reader and writer, the key's normaliser and SHA-256, the recording format), while the main thread is still
 * starting the server (and, for {@code serve}, parsing the command line; in a test, running the test up to its
 * first request): on a JVM that has just started, class loading is most of the time to the first answer, and a
 * second core is often idle. Pure: it touches no file and no state. Once per JVM.
 */
public final class Prewarm {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private static final byte[] RECORDING = ("{\"test_id\": null, \"request\": {\"method\": \"POST\", \"url\": \"/v1/chat/completions\","
            + " \"headers\": {}, \"body\": {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi 0.12345\"}],"
            + " \"stream\": true}, \"endpoint\": \"/v1/chat/completions\", \"model\": \"m\"}, \"response\": {\"body\": [{\"__type__\":"
            + " \"openai.types.chat.chat_completion_chunk.ChatCompletionChunk\", \"__data__\": {\"id\": \"x\", \"choices\": [],"
            + " \"created\": 0, \"model\": \"m\", \"object\": \"chat.completion.chunk\"}}], \"is_streaming\": true}}")
            .getBytes(StandardCharsets.UTF_8);

    private Prewarm() {
    }

    public static void startOnce() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(Prewarm::run, "replay4j-prewarm");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run() {
        try {
            warm();
        } catch (Exception | LinkageError e) {
            // only a head start: the first request does the same work and reports any problem itself
        }
    }

    /** The work itself; it fails only if the recording format has moved away from the sample above. */
    static void warm() throws Exception {
        Recording r = RecordingFormat.read(RECORDING, "prewarm");
        RequestKey.compute("POST", "/v1/chat/completions", r.request().body(), null, KeyVersion.V2).hex();
        RequestKey.compute("POST", "/v1/chat/completions", r.request().body(), null, KeyVersion.V1).hex();
        Json.parse(Json.write(r.response().body()));
        Answers.of(r, "prewarm");
    }
}

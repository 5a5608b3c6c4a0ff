// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.testing;

import dev.replay4j.Layout;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.recording.RecordedRequest;
import dev.replay4j.internal.recording.RecordedResponse;
import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.store.RecordingStore;
import java.nio.file.Path;

/**
 * A second process for fault tests: saves large recordings of a few keys over and over.
 * Arguments: recordings root, a tag (one letter, repeated to fill the answer), how many saves.
 */
public final class SaveLoopMain {
    public static final String TEST_ID = "com.acme.FaultTest::same_key";
    public static final int KEYS = 3;

    private SaveLoopMain() {
    }

    public static void main(String[] args) throws Exception {
        RecordingStore store = new RecordingStore(Path.of(args[0]), Layout.JAVA);
        String tag = args[1];
        int saves = Integer.parseInt(args[2]);
        System.out.println("started " + ProcessHandle.current().pid());
        System.out.flush();
        for (int i = 0; i < saves; i++) {
            store.save(recording(i % KEYS, tag + i + ":" + tag.repeat(200_000)));
        }
        System.out.println("done");
    }

    public static Recording recording(int key, String answer) throws Exception {
        return new Recording(TEST_ID, new RecordedRequest("POST", "http://upstream/v1/chat/completions", Json.object(),
                Json.parse("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"question " + key + "\"}]}"),
                "/v1/chat/completions", "m"), RecordedResponse.of(Json.nodes().textNode(answer), false));
    }
}

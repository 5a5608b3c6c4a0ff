// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.internal.json.Json;

/**
 * One request as the proxy saw it, for the live view and the run report: no body, no header, no query (where
 * credentials travel); a miss's explanation is the one the client got, made from the redacted request.
 *
 * @param seq         its number in this proxy, from 1
 * @param epochMs     when it arrived
 * @param testId      its test, or {@code null}
 * @param outcome     {@code served}, {@code recorded}, {@code missed}, {@code forwarded}, {@code faulted} or {@code refused}
 * @param key         the key of the recording served or recorded, or of the request that missed; {@code null} otherwise
 * @param file        the recording served or recorded, relative to the recordings root; {@code null} otherwise
 * @param explanation a miss's explanation, or {@code null}
 */
public record SeenRequest(long seq, long epochMs, String mode, String testId, String method, String path, String outcome, int status,
                          String key, String file, String explanation, long millis) {

    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("seq", seq);
        out.put("time", java.time.Instant.ofEpochMilli(epochMs).toString());
        out.put("mode", mode);
        out.put("test_id", testId);
        out.put("method", method);
        out.put("path", path);
        out.put("outcome", outcome);
        out.put("status", status);
        out.put("key", key);
        out.put("file", file);
        out.put("explanation", explanation);
        out.put("ms", millis);
        return out;
    }
}

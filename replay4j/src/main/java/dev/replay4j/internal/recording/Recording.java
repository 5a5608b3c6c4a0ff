// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.recording;

import java.util.Objects;

/**
 * One recorded exchange, as one JSON file holds it.
 *
 * @param testId the test that made it, or {@code null} for one made outside any test
 */
public record Recording(String testId, RecordedRequest request, RecordedResponse response) {
    public Recording {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
    }
}

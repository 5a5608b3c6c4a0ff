// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream;

import java.util.List;
import java.util.Map;

/**
 * One request as the fake upstream received it: the path without its query, the raw query ({@code null}: none),
 * header names as the JDK server normalises them ({@code Authorization}).
 */
public record ReceivedRequest(String method, String path, Map<String, List<String>> headers, String body, String query) {
    /** The first value of a header, or {@code null}; the name is matched ignoring case. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}

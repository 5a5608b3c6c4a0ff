package dev.replay4j.fakeupstream;

import java.util.List;
import java.util.Map;

/** One request as the fake upstream received it. */
public record ReceivedRequest(String method, String path, Map<String, List<String>> headers, String body) {
}

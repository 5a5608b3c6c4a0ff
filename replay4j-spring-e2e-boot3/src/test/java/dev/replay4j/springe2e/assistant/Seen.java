// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.springe2e.assistant;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** What each scenario test saw, by test id and step, for the driving test to compare between runs. */
public final class Seen {
    private static final Map<String, String> SEEN = new ConcurrentHashMap<>();
    private static final Set<URI> PROXIES = ConcurrentHashMap.newKeySet();

    private Seen() {
    }

    public static void put(String testId, String step, String what) {
        SEEN.put(testId + " " + step, what);
    }

    /** A proxy a test was served by. */
    public static void proxy(URI url) {
        PROXIES.add(url);
    }

    /** The proxies that served tests since the last call; emptied. */
    public static Set<URI> takeProxies() {
        Set<URI> all = new TreeSet<>(PROXIES);
        PROXIES.clear();
        return all;
    }

    /** Everything seen since the last call, sorted; emptied. */
    public static Map<String, String> take() {
        Map<String, String> all = new TreeMap<>(SEEN);
        SEEN.clear();
        return all;
    }
}

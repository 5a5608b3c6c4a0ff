// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.replay4j.junit5.fixtures.OnlyInTestKit;
import dev.replay4j.junit5.fixtures.Seen;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs fixtures through the Jupiter engine, as a build would, and collects their failures. */
final class Kit {
    private Kit() {
    }

    static EngineExecutionResults run(Map<String, String> parameters, Class<?>... fixtures) {
        return run(parameters, Arrays.stream(fixtures).map(c -> selectClass(c)).toArray(DiscoverySelector[]::new));
    }

    static EngineExecutionResults run(Map<String, String> parameters, DiscoverySelector... selectors) {
        Seen.clear();
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectors)
                .configurationParameter(OnlyInTestKit.PARAMETER, "true")
                .configurationParameters(parameters)
                .execute();
    }

    static Map<String, String> record(Path recordings, String upstream) {
        return Map.of("replay4j.mode", "record", "replay4j.dir", recordings.toString(), "replay4j.upstream", upstream);
    }

    static Map<String, String> replay(Path recordings) {
        return Map.of("replay4j.dir", recordings.toString());
    }

    static Throwable failureOf(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow();
    }

    /** The failures of the run's tests by display name, for messages that say which test failed how. */
    static Map<String, Throwable> failures(EngineExecutionResults results) {
        return results.testEvents().failed().stream().collect(Collectors.toMap(
                e -> e.getTestDescriptor().getDisplayName(), Kit::failureOf, (a, b) -> a, TreeMap::new));
    }
}

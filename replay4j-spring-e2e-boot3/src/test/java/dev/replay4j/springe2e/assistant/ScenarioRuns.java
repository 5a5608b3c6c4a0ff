// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.springe2e.assistant;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs scenario classes as a build would (one JUnit run per mode), and reads the recordings they left. */
public final class ScenarioRuns {
    private ScenarioRuns() {
    }

    /** Runs the classes in this mode, methods in parallel where a class asks for it; fails with every test failure. */
    public static Map<String, String> run(String mode, Path recordings, Class<?>... classes) {
        EngineTestKit.Builder run = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("replay4j.mode", mode)
                .configurationParameter("replay4j.dir", recordings.toString())
                .configurationParameter("replay4j.usage", recordings.resolveSibling("usage-" + mode + ".json").toString())
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2");
        for (Class<?> c : classes) {
            run.selectors(selectClass(c));
        }
        EngineExecutionResults results = run.execute();
        StringBuilder failures = new StringBuilder();
        results.allEvents().failed().stream().forEach(e -> failures.append("\n").append(describe(e)));
        if (failures.length() > 0 || results.testEvents().succeeded().count() == 0) {
            System.out.println("recordings: " + files(recordings));
            throw new AssertionError("the " + mode + " run failed:" + failures);
        }
        return Seen.take();
    }

    private static String describe(Event e) {
        Throwable t = e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElse(null);
        StringBuilder out = new StringBuilder(e.getTestDescriptor().getUniqueId().toString());
        for (Throwable c = t; c != null; c = c.getCause()) {
            out.append("\n  ").append(c);
        }
        return out.toString();
    }

    /** Every file under the root, by path relative to it, with its content. */
    public static Map<String, String> files(Path root) {
        Map<String, String> all = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return all;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(f -> {
                try {
                    all.put(root.relativize(f).toString().replace('\\', '/'), Files.readString(f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }
}

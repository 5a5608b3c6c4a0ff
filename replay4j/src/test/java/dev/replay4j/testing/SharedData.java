// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The conformance data in {@code ../shared}, beside the project. Tests that need it skip, with a
 * message saying so, when it is not there; each test class that skips also says so once on standard
 * error, so that the skip shows in the build's output and not only in the test reports.
 */
public final class SharedData {
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private SharedData() {
    }

    public static Path shared() {
        String configured = System.getProperty("replay4j.shared");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(dir.resolve("conformance"))) {
            String reason = "the conformance data is not at " + dir.resolve("conformance").toAbsolutePath().normalize()
                    + " (../shared beside the project, or -Dreplay4j.shared=DIR)";
            String group = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                    .map(StackWalker.StackFrame::getDeclaringClass).filter(c -> c != SharedData.class).findFirst())
                    .map(Class::getName).orElse("?");
            if (ANNOUNCED.add(group)) {
                System.err.println("[replay4j] SKIPPED " + group + ": " + reason);
            }
            assumeTrue(false, "skipped: " + reason + "; these tests need it");
        }
        return dir;
    }

    public static Path llamaStack() {
        return shared().resolve("conformance/llama-stack");
    }

    public static Path vectors() {
        return shared().resolve("conformance/canonical-json/vectors.jsonl");
    }
}

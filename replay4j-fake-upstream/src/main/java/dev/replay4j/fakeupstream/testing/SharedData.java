// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The conformance data in {@code ../shared}, beside the project (the build passes its place as the system
 * property {@code replay4j.shared}). A test that needs it is skipped, with a message saying so, when it is absent;
 * each test class that skips also says so once on standard error, so that the skip shows in the build's output
 * and not only in the test reports.
 */
public final class SharedData {
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private SharedData() {
    }

    /** {@code ../shared/conformance}. */
    public static Path conformance() {
        String configured = System.getProperty("replay4j.shared");
        Path dir = (configured != null ? Path.of(configured) : Path.of("..", "..", "shared")).resolve("conformance");
        if (!Files.isDirectory(dir)) {
            String reason = "the conformance data is not at " + dir.toAbsolutePath().normalize()
                    + " (../shared beside the project, or -Dreplay4j.shared=DIR)";
            String group = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                    .map(StackWalker.StackFrame::getDeclaringClass).filter(c -> c != SharedData.class).findFirst())
                    .map(Class::getName).orElse("?");
            if (ANNOUNCED.add(group)) {
                System.err.println("[replay4j] SKIPPED " + group + ": " + reason);
            }
            assumeTrue(false, "skipped: " + reason + "; this test needs it");
        }
        return dir;
    }

    /** The llama-stack sample: {@code tests/}, {@code seed/} and the expected verdicts. */
    public static Path llamaStack() {
        return conformance().resolve("llama-stack");
    }

    /** The canonical-JSON vectors, one JSON object a line. */
    public static Path vectors() {
        return conformance().resolve("canonical-json/vectors.jsonl");
    }
}

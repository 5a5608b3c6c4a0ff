package dev.replay4j.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The conformance data in {@code ../shared}, beside the project. Tests that need it skip, with a
 * message saying so, when it is not there.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path shared() {
        String configured = System.getProperty("replay4j.shared");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        assumeTrue(Files.isDirectory(dir.resolve("conformance")),
                () -> "skipped: the conformance data is not at " + dir.toAbsolutePath().normalize()
                        + " (../shared beside the project); these tests need it");
        return dir;
    }

    public static Path llamaStack() {
        return shared().resolve("conformance/llama-stack");
    }

    public static Path vectors() {
        return shared().resolve("conformance/canonical-json/vectors.jsonl");
    }
}

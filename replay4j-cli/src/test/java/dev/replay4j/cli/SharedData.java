package dev.replay4j.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The conformance data in {@code ../shared}; tests that need it skip, saying so, when it is absent. */
final class SharedData {
    private SharedData() {
    }

    static Path conformance() {
        String configured = System.getProperty("replay4j.shared");
        Path dir = (configured != null ? Path.of(configured) : Path.of("..", "..", "shared")).resolve("conformance");
        assumeTrue(Files.isDirectory(dir),
                () -> "skipped: the conformance data is not at " + dir.toAbsolutePath().normalize()
                        + " (../shared beside the project); this test needs it");
        return dir;
    }
}

package dev.replay4j.fakeupstream.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The conformance data in {@code ../shared}, beside the project (the build passes its place as the system
 * property {@code replay4j.shared}). A test that needs it is skipped, with a message saying so, when it is absent.
 */
public final class SharedData {
    private SharedData() {
    }

    /** {@code ../shared/conformance}. */
    public static Path conformance() {
        String configured = System.getProperty("replay4j.shared");
        Path dir = (configured != null ? Path.of(configured) : Path.of("..", "..", "shared")).resolve("conformance");
        assumeTrue(Files.isDirectory(dir),
                () -> "skipped: the conformance data is not at " + dir.toAbsolutePath().normalize()
                        + " (../shared beside the project); this test needs it");
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

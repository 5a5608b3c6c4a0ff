// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a test left under a recordings root: every regular file, recordings or not (a temporary file left behind
 * counts), so that "nothing was written" means nothing at all.
 */
public final class RecordingFiles {
    private RecordingFiles() {
    }

    /** Every regular file under the root, sorted; none when the root does not exist. */
    public static List<Path> all(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #all}, relative to the root, with {@code /}. */
    public static List<String> names(Path root) {
        return all(root).stream().map(p -> root.relativize(p).toString().replace('\\', '/')).toList();
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

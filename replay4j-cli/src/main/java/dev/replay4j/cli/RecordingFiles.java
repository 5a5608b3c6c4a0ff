// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import dev.replay4j.internal.json.PythonJson;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Finds the {@code *.json} files under a folder, as Python's {@code os.walk} sees them. */
final class RecordingFiles {
    private RecordingFiles() {
    }

    /** Sorted by relative path (by code point, as Python sorts); an unreadable folder is listed as a problem. */
    static List<RecordingFile> under(Path root) throws IOException {
        List<RecordingFile> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                // Links to files count (os.walk lists them); links to folders are not followed.
                boolean fileLike = attrs.isRegularFile() || (attrs.isSymbolicLink() && !Files.isDirectory(file));
                if (fileLike && file.getFileName().toString().endsWith(".json")) {
                    found.add(new RecordingFile(relative(root, file), file, null));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                String name = relative(root, file);
                found.add(new RecordingFile(name, file, (name.isEmpty() ? root.toString() : name)
                        + ": cannot read this folder (" + IoProblems.describe(e) + "); the recordings in it were not verified"));
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(Comparator.comparing(RecordingFile::relative, PythonJson.CODE_POINT_ORDER));
        return found;
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(File.separatorChar, '/');
    }
}

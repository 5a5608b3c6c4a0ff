// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.store;

import dev.replay4j.Layout;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** The folder rules of a layout: which folder under the root holds a test's recordings. */
public final class Folders {
    private static final int MAX_NAME_BYTES = 255;
    private static final int MAX_PATH_BYTES = 4095;
    /** {@code /<64 hex digits>.json}, and a model list's longer name: {@code models-<key>-<digest>.json}. */
    private static final int RECORDING_NAME_BYTES = 1 + "models-".length() + 64 + 1 + 64 + ".json".length();

    private final Path root;
    private final Layout layout;
    private final Path fallback;
    /** The last test id asked about, with its answers: one request asks for its test's folder several times. */
    private volatile TestFolders last;

    /** @param root absolute and normalised */
    Folders(Path root, Layout layout) {
        this.root = Objects.requireNonNull(root, "root");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.fallback = root.resolve(layout.fallbackFolder());
    }

    public Path fallbackFolder() {
        return fallback;
    }

    /**
     * The folder of a test's recordings, or the fallback folder for {@code null}.
     *
     * @throws InvalidTestIdException when the id breaks {@link TestIdRules} or its folder would leave the root
     */
    public Path folderFor(String testId) {
        return testId == null ? fallback : of(testId).folder;
    }

    private TestFolders of(String testId) {
        TestFolders known = last;
        if (known != null && known.testId.equals(testId)) {
            return known;
        }
        String id = TestIdRules.checked(layout, testId);
        Path folder = checkedFolder(id);
        known = new TestFolders(testId, id, folder, folder.equals(fallback) ? List.of(folder) : List.of(folder, fallback));
        last = known;
        return known;
    }

    private Path checkedFolder(String id) {
        Path folder;
        try {
            folder = root.resolve(relativeFolder(layout, id)).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidTestIdException("test id refused: it makes no valid folder name (" + e.getReason() + "): " + id);
        }
        if (!folder.startsWith(root) || folder.equals(root)) {
            throw new InvalidTestIdException("test id refused: its recordings folder " + folder
                    + " would not be a folder inside the recordings root " + root + ": " + id);
        }
        for (Path name : root.relativize(folder)) {
            int bytes = name.toString().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_NAME_BYTES) {
                throw new InvalidTestIdException("test id refused: it makes a folder name of " + bytes + " bytes, and file systems"
                        + " take " + MAX_NAME_BYTES + " at most: " + id);
            }
        }
        int pathBytes = folder.toString().getBytes(StandardCharsets.UTF_8).length + RECORDING_NAME_BYTES;
        if (pathBytes > MAX_PATH_BYTES) {
            throw new InvalidTestIdException("test id refused: its recordings would have paths of " + pathBytes + " bytes, and"
                    + " Linux takes " + MAX_PATH_BYTES + " at most: " + id);
        }
        return folder;
    }

    /** The id as it names folders and enters keys: checked, in Unicode normalisation form C. */
    public String normalized(String testId) {
        TestFolders known = last;
        return known != null && known.testId.equals(testId) ? known.normalizedId : TestIdRules.checked(layout, testId);
    }

    /** The folders a lookup searches, in order: the test's own, then the fallback. */
    public List<Path> searchFolders(String testId) {
        return testId == null ? List.of(fallback) : of(testId).searched;
    }

    /** The folder of a test, relative to the root, with {@code /} separators; not yet checked. */
    static String relativeFolder(Layout layout, String testId) {
        int sep = testId.indexOf("::");
        String first = sep < 0 ? testId : testId.substring(0, sep);
        switch (layout) {
            case JAVA:
                return first.replace('.', '/');
            case LLAMA_STACK:
                int slash = first.lastIndexOf('/');
                return slash < 0 ? "recordings" : first.substring(0, slash) + "/recordings";
            default:
                throw new IllegalArgumentException("no folder rule for the layout " + layout);
        }
    }

    private static final class TestFolders {
        final String testId;
        final String normalizedId;
        final Path folder;
        final List<Path> searched;

        TestFolders(String testId, String normalizedId, Path folder, List<Path> searched) {
            this.testId = testId;
            this.normalizedId = normalizedId;
            this.folder = folder;
            this.searched = searched;
        }
    }
}

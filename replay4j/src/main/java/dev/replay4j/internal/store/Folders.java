// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.store;

import dev.replay4j.Layout;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** The folder rules of a layout: which folder under the root holds a test's recordings. */
public final class Folders {
    private final Path root;
    private final Layout layout;

    /** @param root absolute and normalised */
    Folders(Path root, Layout layout) {
        this.root = Objects.requireNonNull(root, "root");
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    public Path fallbackFolder() {
        return root.resolve(layout.fallbackFolder());
    }

    /**
     * The folder of a test's recordings, or the fallback folder for {@code null}.
     *
     * @throws InvalidTestIdException when the folder would leave the root or the id holds control characters
     */
    public Path folderFor(String testId) {
        if (testId == null) {
            return fallbackFolder();
        }
        for (int i = 0; i < testId.length(); i++) {
            if (Character.getType(testId.charAt(i)) == Character.CONTROL) {
                throw new InvalidTestIdException(String.format(Locale.ROOT,
                        "test id refused: it holds the control character U+%04X at index %d: %s",
                        (int) testId.charAt(i), i, printable(testId)));
            }
        }
        Path folder;
        try {
            folder = root.resolve(relativeFolder(layout, testId)).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidTestIdException("test id refused: it makes no valid folder name (" + e.getReason() + "): " + testId);
        }
        if (!folder.startsWith(root)) {
            throw new InvalidTestIdException("test id refused: its recordings folder " + folder
                    + " would be outside the recordings root " + root + ": " + testId);
        }
        return folder;
    }

    /** The folders a lookup searches, in order: the test's own, then the fallback. */
    public List<Path> searchFolders(String testId) {
        Set<Path> folders = new LinkedHashSet<>();
        folders.add(folderFor(testId));
        folders.add(fallbackFolder());
        return List.copyOf(folders);
    }

    /** The folder of a test, relative to the root, with {@code /} separators; not yet checked. */
    static String relativeFolder(Layout layout, String testId) {
        String first = testId.split("::", 2)[0];
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

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (Character.getType(cp) == Character.CONTROL) {
                out.append(String.format(Locale.ROOT, "\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}

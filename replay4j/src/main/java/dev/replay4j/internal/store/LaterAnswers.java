// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The second and later answers of the sequences in each folder ({@code <stem>.<n>.json}, n ≥ 2) that a store has
 * written into or will delete from. A folder is listed the first time one of its sequences is re-recorded, and
 * again whenever its modification time says that something other than this store changed it (a checkout, another
 * process); the store's own writes and deletions keep the list true without a listing. Listing the folder for
 * every recorded request cost time in proportion to the recordings beside it (4.4 ms a request at 3,000).
 *
 * <p>What it can miss: a change by another process in the instant of one of this store's own writes, or within
 * the same tick of a file system whose times are coarse (a second, on some). A file deleted behind its back is
 * harmless (the deletion finds nothing).
 */
final class LaterAnswers {
    private final Map<Path, Folder> folders = new ConcurrentHashMap<>();

    /** Says that this store just wrote {@code file} (any recording: the folder's new time is its own doing). */
    void written(Path file) {
        Folder folder = folders.get(file.getParent());
        if (folder != null) {
            folder.add(file);
        }
    }

    /**
     * Deletes the later answers of the sequence whose first answer is {@code first} that {@code mayDelete} allows,
     * and says how many were deleted.
     */
    int removeLaterAnswers(Path first, Predicate<Path> mayDelete) throws IOException {
        Path folder = first.getParent();
        String name = first.getFileName().toString();
        String stem = name.substring(0, name.length() - ".json".length());
        return folders.computeIfAbsent(folder, Folder::new).remove(stem, mayDelete);
    }

    /** The stem of a later answer's file name ({@code <stem>.<n>.json}, n ≥ 1 without a leading 0), or null. */
    static String stemOf(String fileName) {
        if (!fileName.endsWith(".json")) {
            return null;
        }
        int end = fileName.length() - ".json".length();
        int dot = fileName.lastIndexOf('.', end - 1);
        if (dot <= 0 || dot + 1 == end || fileName.charAt(dot + 1) == '0') {
            return null;
        }
        for (int i = dot + 1; i < end; i++) {
            char c = fileName.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return fileName.substring(0, dot);
    }

    /** One folder's later answers, by stem, and the folder's time when they were last known to be all of them. */
    private static final class Folder {
        private final Path path;
        private Map<String, List<Path>> byStem;
        private FileTime known;

        Folder(Path path) {
            this.path = path;
        }

        synchronized void add(Path file) {
            if (byStem == null) {
                return; // not listed yet: the listing will see it
            }
            String stem = stemOf(file.getFileName().toString());
            if (stem != null) {
                List<Path> files = byStem.computeIfAbsent(stem, s -> new ArrayList<>(2));
                if (!files.contains(file)) {
                    files.add(file);
                }
            }
            known = modified(); // this store's own change
        }

        synchronized int remove(String stem, Predicate<Path> mayDelete) throws IOException {
            FileTime now = modified();
            if (byStem == null || now == null || !now.equals(known)) {
                byStem = list();
                known = now; // read before the listing: a change during it lists again next time
            }
            List<Path> files = byStem.get(stem);
            if (files == null) {
                return 0;
            }
            int removed = 0;
            for (Iterator<Path> it = files.iterator(); it.hasNext(); ) {
                Path file = it.next();
                if (mayDelete.test(file) && Files.deleteIfExists(file)) {
                    removed++;
                }
                it.remove(); // only once handled: a deletion that fails leaves it, and those after it, listed
            }
            byStem.remove(stem);
            if (removed > 0) {
                known = modified();
            }
            return removed;
        }

        private FileTime modified() {
            try {
                return Files.getLastModifiedTime(path);
            } catch (IOException e) {
                return null; // no folder (yet): listed again when there is one
            }
        }

        private Map<String, List<Path>> list() throws IOException {
            Map<String, List<Path>> out = new HashMap<>();
            if (!Files.isDirectory(path)) {
                return out;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(path)) {
                for (Path file : files) {
                    String stem = stemOf(file.getFileName().toString());
                    if (stem != null) {
                        out.computeIfAbsent(stem, s -> new ArrayList<>(2)).add(file);
                    }
                }
            } catch (NoSuchFileException e) {
                // the folder went away: nothing in it
            }
            return out;
        }
    }
}

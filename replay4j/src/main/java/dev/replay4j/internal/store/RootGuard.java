// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps reads and writes inside the recordings root. A recordings folder is committed to git, and a symbolic
 * link in it must not make the proxy serve or reveal other files, nor write outside the root.
 */
final class RootGuard {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingStore.class);

    private final Path root;
    private volatile Path realRoot;
    private final Map<Path, Boolean> folderVerdicts = new ConcurrentHashMap<>();

    /** @param root absolute and normalised */
    RootGuard(Path root) {
        this.root = root;
    }

    /**
     * Throws when writing into {@code folder} would write outside the root, through a symbolic link on its
     * way: checked on the deepest part of it that exists, before anything is created.
     */
    void checkWritable(Path folder) throws IOException {
        AtomicFiles.createFolders(root);
        Path existing = folder.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.toRealPath().startsWith(realRoot())) {
            throw new IOException("refusing to write into " + relativeName(folder) + ": it leads, through a symbolic link, to "
                    + (existing == null ? "nowhere" : existing.toRealPath()) + ", outside the recordings root " + root);
        }
        // access(2): false on a read-only file system even for root, whose mode bits stop nothing.
        if (!Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new IOException("cannot write into " + relativeName(folder) + ": "
                    + (existing.equals(folder.toAbsolutePath().normalize()) ? "it" : "its nearest existing folder, " + existing + ",")
                    + (Files.isDirectory(existing) ? " is read-only" : " is not a folder"));
        }
    }

    /** False for a file that resolves (through symbolic links) outside the root; such a file is logged and ignored. */
    boolean isInsideRoot(Path file) {
        return isInsideRoot(file, Files.isSymbolicLink(file));
    }

    /** {@link #isInsideRoot(Path)} of a file whose {@code lstat} the caller has: whether it is a symbolic link. */
    boolean isInsideRoot(Path file, boolean link) {
        try {
            // The folder's verdict is kept (there are few folders, and this runs on every replayed request);
            // a file that is a link is resolved in full.
            Path folder = file.getParent();
            Boolean folderInside = folderVerdicts.get(folder);
            if (folderInside == null) {
                folderInside = folder.toRealPath().startsWith(realRoot());
                folderVerdicts.put(folder, folderInside);
            }
            if (folderInside && !link || file.toRealPath().startsWith(realRoot())) {
                return true;
            }
            LOG.warn("replay4j: ignoring {}: it is a symbolic link to {}, outside the recordings root {}",
                    relativeName(file), file.toRealPath(), root);
        } catch (IOException e) {
            LOG.warn("replay4j: ignoring {}: {}", relativeName(file), e.toString());
        }
        return false;
    }

    private Path realRoot() throws IOException {
        Path r = realRoot;
        if (r == null) {
            r = root.toRealPath();
            realRoot = r;
        }
        return r;
    }

    /** A file's path relative to the root, with {@code /} separators, as messages and reports show it. */
    String relativeName(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return (abs.startsWith(root) ? root.relativize(abs) : abs).toString().replace('\\', '/');
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see the old content or the whole new content, never a part: the bytes
 * go to a temporary file in the same folder, which is synced and then renamed over the target.
 */
public final class AtomicFiles {
    /** Temporary files start with this, so that readers and listings can skip them. */
    public static final String TEMP_PREFIX = ".replay4j-";
    public static final String TEMP_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /** What a file is written with: its bytes into the stream, which the caller need not buffer or close. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Creates a folder and its parents, unless it is a folder already: one check, where {@code Files.createDirectories}
     * would try to create it and throw and catch an exception (with its stack trace) for a folder that exists. Record
     * mode asks this of the same few folders several times per recorded request.
     */
    public static void createFolders(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) { // a link is left to createDirectories, as before
            Files.createDirectories(dir);
        }
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    /** Writes what {@code content} writes, as it writes it: a large file is never held whole in memory. */
    public static void write(Path target, Content content) throws IOException {
        // The writer's pid is in the temporary file's name, so that a later writer can tell a file left by a
        // killed process (stale, removed) from one still being written.
        Path dir = target.toAbsolutePath().getParent();
        createFolders(dir);
        Path temp = dir.resolve(TEMP_PREFIX + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-" + target.getFileName() + TEMP_SUFFIX);
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(new ChannelOutput(out));
                out.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The channel as a stream: each write goes straight to the file (the writers buffer), and close is the channel's. */
    private static final class ChannelOutput extends OutputStream {
        private final FileChannel channel;

        ChannelOutput(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    /**
     * Removes the temporary files in {@code dir} whose writer is gone (killed before its rename): the pid
     * in the name is no longer running, or is a process that started after the file was last written
     * (the pid was reused). A file whose writer may still be running is never touched.
     *
     * @return the files removed
     */
    public static List<Path> removeStale(Path dir) throws IOException {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path file : files) {
                if (isStale(file)) {
                    if (Files.deleteIfExists(file)) {
                        removed.add(file);
                    }
                }
            }
        } catch (NoSuchFileException e) {
            // no folder, nothing stale
        }
        return removed;
    }

    static boolean isStale(Path file) throws IOException {
        String name = file.getFileName().toString();
        int dash = name.indexOf('-', TEMP_PREFIX.length());
        long pid;
        try {
            pid = Long.parseLong(name.substring(TEMP_PREFIX.length(), dash));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return false; // not ours to judge
        }
        Optional<ProcessHandle> writer = ProcessHandle.of(pid);
        if (writer.isEmpty() || !writer.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = writer.get().info().startInstant();
        Instant written = Files.getLastModifiedTime(file).toInstant();
        // Start times are known to the second or so; a margin keeps a live writer's file safe.
        return started.isPresent() && started.get().isAfter(written.plusSeconds(5));
    }
}

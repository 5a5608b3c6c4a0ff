// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.fakeupstream.testing.RecordingFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Whole-file writes, and which temporary files a later writer may remove: only those whose writer is gone. */
@Timeout(60)
class AtomicFilesTest {
    @TempDir
    Path dir;

    private Path temp(long pid, String name) throws Exception {
        Path file = dir.resolve(AtomicFiles.TEMP_PREFIX + pid + "-" + name + ".json" + AtomicFiles.TEMP_SUFFIX);
        Files.writeString(file, "{\"half");
        return file;
    }

    /** A process that has run and ended: its pid names no live process. */
    private static long pidOfAnEndedProcess() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(p.pid()).filter(ProcessHandle::isAlive)).isEmpty();
        return p.pid();
    }

    @Test
    void a_write_creates_the_folder_replaces_the_old_content_and_leaves_no_temporary_file() throws Exception {
        Path target = dir.resolve("a/b/x.json");
        AtomicFiles.write(target, "first".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "second, longer".getBytes(StandardCharsets.UTF_8));
        assertThat(target).hasContent("second, longer");
        assertThat(RecordingFiles.all(dir)).containsExactly(target);
    }

    @Test
    void the_temporary_file_of_an_ended_writer_is_removed_and_reported() throws Exception {
        Path stale = temp(pidOfAnEndedProcess(), "dead");
        assertThat(AtomicFiles.removeStale(dir)).containsExactly(stale);
        assertThat(stale).doesNotExist();
    }

    @Test
    void the_temporary_file_of_a_writer_still_running_is_kept() throws Exception {
        Path mine = temp(ProcessHandle.current().pid(), "live");
        assertThat(AtomicFiles.removeStale(dir)).isEmpty();
        assertThat(mine).exists();
    }

    @Test
    void a_file_whose_pid_now_belongs_to_a_process_started_after_it_was_written_is_removed() throws Exception {
        Process reused = new ProcessBuilder("sleep", "30").start();
        try {
            Instant started = reused.info().startInstant().orElseThrow();
            Path old = temp(reused.pid(), "old");
            Files.setLastModifiedTime(old, FileTime.from(started.minusSeconds(3600)));
            Path justBefore = temp(reused.pid(), "within-the-margin");
            Files.setLastModifiedTime(justBefore, FileTime.from(started.minusSeconds(2)));
            assertThat(AtomicFiles.removeStale(dir)).as("start times are known to the second: a margin of 5 s").containsExactly(old);
            assertThat(justBefore).exists();
        } finally {
            reused.destroyForcibly();
        }
    }

    @Test
    void files_that_are_not_a_writers_temporary_files_are_never_touched() throws Exception {
        long ended = pidOfAnEndedProcess();
        Path recording = Files.writeString(dir.resolve(ended + ".json"), "{}");
        Path noPid = Files.writeString(dir.resolve(AtomicFiles.TEMP_PREFIX + "someone-x.json" + AtomicFiles.TEMP_SUFFIX), "{");
        Path noDash = Files.writeString(dir.resolve(AtomicFiles.TEMP_PREFIX + ended + AtomicFiles.TEMP_SUFFIX), "{");
        Path otherSuffix = Files.writeString(dir.resolve(AtomicFiles.TEMP_PREFIX + ended + "-x.json"), "{");
        assertThat(AtomicFiles.removeStale(dir)).isEmpty();
        assertThat(RecordingFiles.all(dir)).containsExactlyInAnyOrder(recording, noPid, noDash, otherSuffix);
    }

    @Test
    void a_folder_that_does_not_exist_has_nothing_stale() throws Exception {
        assertThat(AtomicFiles.removeStale(dir.resolve("missing"))).isEmpty();
    }
}

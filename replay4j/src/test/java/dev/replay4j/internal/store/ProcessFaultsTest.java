// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.Layout;
import dev.replay4j.internal.json.Json;
import dev.replay4j.testing.SaveLoopMain;
import dev.replay4j.verify.Verdict;
import dev.replay4j.verify.Verifier;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Other processes writing recordings: killed with SIGKILL, or racing on the same keys. */
@Timeout(120)
class ProcessFaultsTest {
    @TempDir
    Path dir;

    private Process saveLoop(String tag, int saves) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SaveLoopMain.class.getName(), dir.toString(), tag, String.valueOf(saves));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private static void awaitStarted(Process p) throws Exception {
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(line).startsWith("started");
    }

    private Path folder() {
        return dir.resolve("com/acme/FaultTest");
    }

    private List<Path> files(String glob) throws Exception {
        if (!Files.isDirectory(folder())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder())) {
            return s.filter(p -> folder().getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName())).toList();
        }
    }

    /** Every recording on disk is whole: it parses, verifies, and holds one writer's answer from start to end. */
    private void assertEveryRecordingIsWhole(String... tags) throws Exception {
        for (Path f : files("*.json")) {
            byte[] bytes = Files.readAllBytes(f);
            assertThat(Verifier.verify(dir.relativize(f).toString(), bytes).verdict()).as(f.toString()).isEqualTo(Verdict.CURRENT);
            String answer = Json.parse(bytes).at("/response/body").textValue();
            String tag = answer.substring(0, 1);
            assertThat(tags).contains(tag);
            assertThat(answer.substring(answer.indexOf(':') + 1)).isEqualTo(tag.repeat(200_000));
        }
    }

    @Test
    void a_writer_killed_with_sigkill_leaves_no_partial_recording_and_its_leftovers_are_removed_later() throws Exception {
        Process writer = saveLoop("a", 1_000_000);
        awaitStarted(writer);
        while (files("*.json").size() < SaveLoopMain.KEYS) {
            Thread.sleep(20);
        }
        // Kill it in the middle of a write, for certain: stopped while its temporary file exists, then killed.
        Path interrupted = stopMidWrite(writer);
        writer.destroyForcibly();
        assertThat(writer.waitFor(20, TimeUnit.SECONDS)).isTrue();

        assertThat(interrupted).as("the write the kill interrupted stays a temporary file").exists();
        assertEveryRecordingIsWhole("a");
        Path live = folder().resolve(AtomicFiles.TEMP_PREFIX + ProcessHandle.current().pid() + "-live-y.json" + AtomicFiles.TEMP_SUFFIX);
        Files.writeString(live, "{\"being written");

        new RecordingStore(dir, Layout.JAVA).save(SaveLoopMain.recording(0, "b0:" + "b".repeat(200_000)));

        assertThat(files(".replay4j-*")).as("only the live writer's temporary file is left").containsExactly(live);
        assertEveryRecordingIsWhole("a", "b");
    }

    /**
     * Stops the writer (SIGSTOP) at a moment when a temporary file of its own exists, and returns that file; tries
     * again (SIGCONT, a few milliseconds) when the stop came between two writes.
     */
    private Path stopMidWrite(Process writer) throws Exception {
        String mark = AtomicFiles.TEMP_PREFIX + writer.pid() + "-";
        for (int attempt = 0; attempt < 500; attempt++) {
            signal("STOP", writer);
            awaitStopped(writer);
            Optional<Path> temp = files(".replay4j-*").stream().filter(p -> p.getFileName().toString().startsWith(mark)).findFirst();
            if (temp.isPresent()) {
                return temp.get();
            }
            signal("CONT", writer);
            Thread.sleep(attempt % 5);
        }
        throw new AssertionError("the writer never had a temporary file named " + mark + "...: does it still write through one?");
    }

    /** Until every thread of the process is stopped, so that it cannot rename the file it was writing. */
    private static void awaitStopped(Process p) throws Exception {
        Path tasks = Path.of("/proc", String.valueOf(p.pid()), "task");
        if (!Files.isDirectory(tasks)) {
            Thread.sleep(100); // no /proc: a stop takes effect well within this
            return;
        }
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); System.nanoTime() < deadline; ) {
            boolean all = true;
            try (Stream<Path> threads = Files.list(tasks)) {
                for (Path t : threads.toList()) {
                    String stat = Files.readString(t.resolve("stat"));
                    char state = stat.charAt(stat.lastIndexOf(')') + 2);
                    all &= state == 'T' || state == 't';
                }
            } catch (NoSuchFileException e) {
                all = false; // a thread ended meanwhile
            }
            if (all) {
                return;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("process " + p.pid() + " did not stop");
    }

    private static void signal(String name, Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(p.pid())).redirectErrorStream(true).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -" + name).isZero();
    }

    @Test
    void two_processes_recording_the_same_keys_at_once_leave_whole_recordings() throws Exception {
        Process a = saveLoop("a", 60);
        Process b = saveLoop("b", 60);
        assertThat(a.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(b.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(a.exitValue()).isZero();
        assertThat(b.exitValue()).isZero();
        assertThat(files("*.json")).hasSize(SaveLoopMain.KEYS);
        assertThat(files(".replay4j-*")).isEmpty();
        assertEveryRecordingIsWhole("a", "b");
        JsonNode last = Json.parse(Files.readAllBytes(files("*.json").get(0)));
        assertThat(last.get("test_id").textValue()).isEqualTo(SaveLoopMain.TEST_ID);
    }
}

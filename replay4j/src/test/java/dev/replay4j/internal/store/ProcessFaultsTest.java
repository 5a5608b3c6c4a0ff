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
import java.nio.file.Path;
import java.util.List;
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
        long pid = writer.pid();
        // Let it write for a while, then kill it at whatever point it has reached.
        while (files("*.json").size() < SaveLoopMain.KEYS) {
            Thread.sleep(20);
        }
        Thread.sleep(150);
        writer.destroyForcibly();
        assertThat(writer.waitFor(20, TimeUnit.SECONDS)).isTrue();

        assertEveryRecordingIsWhole("a");
        // Whatever the kill interrupted stays a temporary file, never a recording; add one for certain.
        Files.writeString(folder().resolve(AtomicFiles.TEMP_PREFIX + pid + "-dead-x.json" + AtomicFiles.TEMP_SUFFIX), "{\"half");
        Path live = folder().resolve(AtomicFiles.TEMP_PREFIX + ProcessHandle.current().pid() + "-live-y.json" + AtomicFiles.TEMP_SUFFIX);
        Files.writeString(live, "{\"being written");
        assertThat(files(".replay4j-*")).anySatisfy(p -> assertThat(p.getFileName().toString()).contains("-" + pid + "-"));

        new RecordingStore(dir, Layout.JAVA).save(SaveLoopMain.recording(0, "b0:" + "b".repeat(200_000)));

        assertThat(files(".replay4j-*")).as("only the live writer's temporary file is left").containsExactly(live);
        assertEveryRecordingIsWhole("a", "b");
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

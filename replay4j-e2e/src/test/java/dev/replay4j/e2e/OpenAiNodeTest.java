// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.Mode;
import dev.replay4j.ReplayProxy;
import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.RecordingFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official OpenAI Node SDK ({@code openai} from the npm registry, installed into {@code target/node-openai})
 * through replay4j: a chat asked twice, an upload, audio bytes; recorded, then replayed twice by one proxy with the
 * upstream stopped. Skipped, with a message, when {@code node} or {@code npm} is missing or the install fails.
 */
@Timeout(300)
class OpenAiNodeTest {
    private static final String VERSION = "7.59.0";
    private static final String TEST_ID = "dev.replay4j.e2e.OpenAiNodeTest::calls";
    private static final Path MODULES = Path.of("target", "node-openai");

    @TempDir
    Path recordings;

    @BeforeAll
    static void installTheSdk() throws Exception {
        boolean tools = works("node", "--version") && works("npm", "--version");
        if (!tools) {
            System.out.println("OpenAiNodeTest skipped: node or npm is not on the PATH");
        }
        Assumptions.assumeTrue(tools, "node and npm are needed");
        if (!Files.isDirectory(MODULES.resolve("node_modules/openai"))) {
            Files.createDirectories(MODULES);
            boolean installed = works("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix",
                    MODULES.toAbsolutePath().toString(), "openai@" + VERSION);
            if (!installed) {
                System.out.println("OpenAiNodeTest skipped: npm install openai@" + VERSION + " failed (no registry?)");
            }
            Assumptions.assumeTrue(installed, "the openai package could not be installed");
        }
        Files.copy(Path.of("src/test/node/calls.mjs"), MODULES.resolve("calls.mjs"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(240, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String run(ReplayProxy proxy) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", MODULES.resolve("calls.mjs").toAbsolutePath().toString(),
                proxy.url().toString().replaceAll("/$", ""), proxy.baseUrl(TEST_ID) + "/v1"));
        Process p = new ProcessBuilder(command).directory(MODULES.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.trim();
    }

    @Test
    void the_node_sdk_records_then_replays_twice_against_one_proxy() throws Exception {
        String live;
        try (FakeUpstream upstream = FakeUpstream.start();
             ReplayProxy proxy = RecordReplayCheck.proxy(recordings, Mode.RECORD, upstream)) {
            live = run(proxy);
            assertThat(upstream.calls()).isEqualTo(4);
        }
        assertThat(live).contains("\"first\":\"Echo: node asks twice #1\"", "\"second\":\"Echo: node asks twice #2\"",
                "input.jsonl", "audio/mpeg 2062 ");
        assertThat(RecordingFiles.names(recordings)).hasSize(4);
        for (Path file : RecordingFiles.all(recordings)) {
            assertThat(RecordingFiles.read(file)).doesNotContain(RecordReplayCheck.API_KEY);
        }
        try (ReplayProxy proxy = RecordReplayCheck.proxy(recordings, Mode.REPLAY, null)) {
            assertThat(run(proxy)).isEqualTo(live);
            assertThat(run(proxy)).as("the suite again, after POST /_replay4j/reset").isEqualTo(live);
            assertThat(proxy.takeMisses(TEST_ID)).isEmpty();
        }
    }
}

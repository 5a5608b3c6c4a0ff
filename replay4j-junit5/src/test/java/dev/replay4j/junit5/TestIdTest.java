// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.RecordingFiles;
import dev.replay4j.junit5.fixtures.ParameterizedFixture;
import dev.replay4j.junit5.fixtures.Seen;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TestIdTest {
    private static final String CLASS = "dev.replay4j.junit5.fixtures.ParameterizedFixture";

    @TempDir
    Path recordings;
    private final FakeUpstream upstream = FakeUpstream.start();

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    @Test
    void every_invocation_has_its_own_stable_id_and_nested_classes_their_own_folder() throws IOException {
        Kit.run(Kit.record(recordings, upstream.url()), ParameterizedFixture.class)
                .testEvents().assertStatistics(s -> s.started(6).succeeded(6));

        Set<String> ids = new TreeSet<>();
        Set<String> folders = new TreeSet<>();
        for (String file : RecordingFiles.names(recordings)) {
            ids.add(new ObjectMapper().readTree(recordings.resolve(file).toFile()).get("test_id").asText());
            folders.add(file.substring(0, file.lastIndexOf('/')));
        }
        assertThat(ids).containsExactly(
                CLASS + "$Inner::chat",
                CLASS + "::echoes[1]", CLASS + "::echoes[2]", CLASS + "::echoes[3]",
                CLASS + "::repeats[1]", CLASS + "::repeats[2]");
        assertThat(folders).containsExactly(
                "dev/replay4j/junit5/fixtures/ParameterizedFixture",
                "dev/replay4j/junit5/fixtures/ParameterizedFixture$Inner");
        Map<String, String> recorded = new HashMap<>(Seen.ANSWERS);
        upstream.close();

        Kit.run(Kit.replay(recordings), ParameterizedFixture.class)
                .testEvents().assertStatistics(s -> s.started(6).succeeded(6));
        assertThat(Seen.ANSWERS).as("a second run asks for the same ids, and so gets the same answers")
                .isEqualTo(recorded);
        assertThat(recorded.get(CLASS + "::echoes[1]")).as("equal arguments are still distinct invocations")
                .isNotEqualTo(recorded.get(CLASS + "::echoes[2]"));
    }

    @Test
    void invocation_indices_come_from_the_unique_id_outermost_first() {
        assertThat(TestIds.invocations("[engine:junit-jupiter]/[class:a.B]/[method:m()]")).isEmpty();
        assertThat(TestIds.invocations("[engine:junit-jupiter]/[class:a.B]/[test-template:m(java.lang.String)]"
                + "/[test-template-invocation:#12]")).containsExactly("12");
        assertThat(TestIds.invocations("[engine:junit-jupiter]/[class-template:a.B]/[class-template-invocation:#2]"
                + "/[test-template:m()]/[test-template-invocation:#1]")).containsExactly("2", "1");
        assertThat(TestIds.invocations("[engine:junit-jupiter]/[class:a.B]/[test-factory:f()]/[dynamic-container:#1]"
                + "/[dynamic-test:#3]")).containsExactly("1", "3");
    }
}

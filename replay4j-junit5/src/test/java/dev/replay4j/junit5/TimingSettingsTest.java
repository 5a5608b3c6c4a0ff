// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.RecordingFiles;
import dev.replay4j.junit5.fixtures.ChatFixture;
import dev.replay4j.junit5.fixtures.TimedFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class TimingSettingsTest {
    @TempDir
    Path recordings;
    private final FakeUpstream upstream = FakeUpstream.start();

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    @Test
    void the_annotation_turns_timing_on_for_its_class_and_nothing_is_added_elsewhere() {
        assertThat(Kit.failures(Kit.run(Kit.record(recordings, upstream.url()), TimedFixture.class, ChatFixture.class))).isEmpty();
        List<String> files = RecordingFiles.names(recordings);
        assertThat(files).anyMatch(f -> f.contains("TimedFixture"));
        for (String file : files) {
            String text = RecordingFiles.read(recordings.resolve(file));
            assertThat(text.contains("\"first_byte_ms\"")).as(file).isEqualTo(file.contains("TimedFixture"));
        }
    }
}

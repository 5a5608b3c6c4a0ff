// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaterAnswersTest {
    @TempDir
    Path dir;

    @Test
    void a_later_answer_is_a_stem_then_a_number_without_a_leading_zero() {
        assertThat(LaterAnswers.stemOf("abc.2.json")).isEqualTo("abc");
        assertThat(LaterAnswers.stemOf("a.b.31.json")).isEqualTo("a.b");
        assertThat(LaterAnswers.stemOf("abc.json")).isNull();
        assertThat(LaterAnswers.stemOf("abc.02.json")).isNull();
        assertThat(LaterAnswers.stemOf("abc..json")).isNull();
        assertThat(LaterAnswers.stemOf("abc.2x.json")).isNull();
        assertThat(LaterAnswers.stemOf(".2.json")).isNull();
        assertThat(LaterAnswers.stemOf("abc.2.json.tmp")).isNull();
    }

    @Test
    void the_folder_is_listed_once_and_the_answers_written_after_are_removed_too() throws Exception {
        Path first = Files.writeString(dir.resolve("k.json"), "1");
        Path earlier = Files.writeString(dir.resolve("k.3.json"), "3"); // past a gap: no k.2.json
        Path other = Files.writeString(dir.resolve("j.2.json"), "other");
        LaterAnswers later = new LaterAnswers();
        assertThat(later.removeLaterAnswers(first, f -> true)).isEqualTo(1);
        assertThat(earlier).doesNotExist();

        Path second = Files.writeString(dir.resolve("k.2.json"), "2");
        later.written(second);
        assertThat(later.removeLaterAnswers(first, f -> !f.equals(other))).isEqualTo(1);
        assertThat(second).doesNotExist();
        assertThat(other).exists();
        assertThat(first).exists();
    }

    @Test
    void a_later_answer_that_another_process_brings_back_after_the_listing_is_removed() throws Exception {
        Path first = Files.writeString(dir.resolve("k.json"), "1");
        LaterAnswers later = new LaterAnswers();
        assertThat(later.removeLaterAnswers(first, f -> true)).isZero();
        // A checkout restores an earlier run's answer while the proxy runs: the folder's time changes.
        Path restored = Files.writeString(dir.resolve("k.2.json"), "an earlier run's");
        Files.setLastModifiedTime(dir, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThat(later.removeLaterAnswers(first, f -> true)).isEqualTo(1);
        assertThat(restored).doesNotExist();
    }

    @Test
    void a_deletion_that_fails_fails_again_the_next_time() throws Exception {
        Path first = Files.writeString(dir.resolve("k.json"), "1");
        Files.createDirectories(dir.resolve("k.2.json").resolve("inside")); // not deletable as a file
        Files.writeString(dir.resolve("k.3.json"), "3");
        LaterAnswers later = new LaterAnswers();
        assertThatThrownBy(() -> later.removeLaterAnswers(first, f -> true)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> later.removeLaterAnswers(first, f -> true)).as("not forgotten")
                .isInstanceOf(IOException.class);
    }

    @Test
    void a_file_the_guard_refuses_is_left() throws Exception {
        Path first = Files.writeString(dir.resolve("k.json"), "1");
        Path second = Files.writeString(dir.resolve("k.2.json"), "2");
        assertThat(new LaterAnswers().removeLaterAnswers(first, f -> false)).isZero();
        assertThat(second).exists();
    }
}

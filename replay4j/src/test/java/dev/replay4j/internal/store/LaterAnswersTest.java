// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
    void a_file_the_guard_refuses_is_left() throws Exception {
        Path first = Files.writeString(dir.resolve("k.json"), "1");
        Path second = Files.writeString(dir.resolve("k.2.json"), "2");
        assertThat(new LaterAnswers().removeLaterAnswers(first, f -> false)).isZero();
        assertThat(second).exists();
    }
}

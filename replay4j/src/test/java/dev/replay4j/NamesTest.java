// SPDX-License-Identifier: Apache-2.0
package dev.replay4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The names of modes, layouts and API families, as the command line and the configuration take them. */
class NamesTest {

    @Test
    void every_mode_reads_back_from_its_name_in_any_case_and_with_underscores() {
        for (Mode mode : Mode.values()) {
            assertThat(Mode.fromName(mode.cliName())).isEqualTo(mode);
            assertThat(Mode.fromName(" " + mode.name() + " ")).isEqualTo(mode);
            assertThat(mode).hasToString(mode.cliName());
        }
        assertThat(Mode.RECORD_IF_MISSING.cliName()).isEqualTo("record-if-missing");
        assertThatThrownBy(() -> Mode.fromName("playback")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown mode 'playback': use replay, record, record-if-missing or live");
    }

    @Test
    void only_replay_needs_no_upstream() {
        assertThat(Mode.REPLAY.needsUpstream()).isFalse();
        assertThat(Mode.RECORD.needsUpstream()).isTrue();
        assertThat(Mode.RECORD_IF_MISSING.needsUpstream()).isTrue();
        assertThat(Mode.LIVE.needsUpstream()).isTrue();
    }

    @Test
    void every_layout_reads_back_from_its_name_or_its_constant_and_names_its_fallback_folder() {
        for (Layout layout : Layout.values()) {
            assertThat(Layout.fromName(layout.cliName())).isEqualTo(layout);
            assertThat(Layout.fromName(layout.name().toLowerCase())).isEqualTo(layout);
            assertThat(layout).hasToString(layout.cliName());
        }
        assertThat(Layout.fromName("LLAMA-STACK")).isEqualTo(Layout.LLAMA_STACK);
        assertThat(Layout.LLAMA_STACK.cliName()).isEqualTo("llama-stack");
        assertThat(Layout.JAVA.fallbackFolder()).isEqualTo("_shared");
        assertThat(Layout.LLAMA_STACK.fallbackFolder()).isEqualTo("tests/integration/common/recordings");
        assertThatThrownBy(() -> Layout.fromName("maven")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown layout 'maven': use java or llama-stack");
    }

    @Test
    void every_family_but_other_reads_back_from_its_name() {
        for (ApiFamily family : ApiFamily.values()) {
            if (family != ApiFamily.OTHER) {
                assertThat(ApiFamily.fromName(" " + family.cliName().toUpperCase() + " ")).isEqualTo(family);
            }
        }
        assertThat(ApiFamily.ANTHROPIC.cliName()).isEqualTo("anthropic");
        assertThatThrownBy(() -> ApiFamily.fromName("other")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown API family 'other': use openai, ollama, anthropic, gemini or bedrock");
    }
}

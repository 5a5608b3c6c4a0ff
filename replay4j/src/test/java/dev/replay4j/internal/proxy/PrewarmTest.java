// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/**
 * The prewarm swallows its failures (it is only a head start), so a sample that the recording format no longer reads
 * would leave it doing nothing, unnoticed: its work is run here where a failure shows.
 */
class PrewarmTest {
    @Test
    void the_prewarm_sample_goes_through_every_step_it_warms() {
        assertThatCode(Prewarm::warm).doesNotThrowAnyException();
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.replay4j.internal.proxy.ProxyConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** {@value Replay4jExtension#TIMEOUT_PROPERTY}: the longest the upstream may keep silent, in seconds. */
class UpstreamTimeoutSettingTest {

    private static ProxyConfig resolve(Map<String, String> properties, Map<String, String> env) {
        return new ConfigResolver(key -> Optional.ofNullable(properties.get(key)), env::get).resolve(ExtensionSettings.NONE);
    }

    @Test
    void without_a_setting_the_upstream_may_keep_silent_for_ten_minutes() {
        assertThat(resolve(Map.of(), Map.of()).upstreamTimeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void the_property_wins_over_the_environment() {
        assertThat(resolve(Map.of("replay4j.timeout", "45"), Map.of("REPLAY4J_TIMEOUT", "90")).upstreamTimeout())
                .isEqualTo(Duration.ofSeconds(45));
        assertThat(resolve(Map.of(), Map.of("REPLAY4J_TIMEOUT", "90")).upstreamTimeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void a_timeout_that_is_not_a_positive_number_of_seconds_names_the_setting_to_fix() {
        for (String bad : new String[] {"0", "-5", "10s", "1.5"}) {
            assertThatThrownBy(() -> resolve(Map.of("replay4j.timeout", bad), Map.of())).as(bad)
                    .isInstanceOf(ExtensionConfigurationException.class)
                    .hasMessageContaining("replay4j.timeout is '" + bad + "', which is not a timeout");
        }
    }
}

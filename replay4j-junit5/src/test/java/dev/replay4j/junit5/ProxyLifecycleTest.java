// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.Http;
import dev.replay4j.junit5.fixtures.ChatFixture;
import dev.replay4j.junit5.fixtures.ParameterizedFixture;
import dev.replay4j.junit5.fixtures.Seen;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ProxyLifecycleTest {
    @TempDir
    Path recordings;
    private final FakeUpstream upstream = FakeUpstream.start();

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    @Test
    void classes_with_the_same_configuration_share_one_proxy_that_junit_closes_at_the_end() {
        Kit.run(Kit.record(recordings, upstream.url()), ChatFixture.class, ParameterizedFixture.class)
                .testEvents().assertStatistics(s -> s.failed(0));

        Set<String> proxies = Seen.BASE_URLS.values().stream().map(url -> URI.create(url).resolve("/").toString())
                .collect(Collectors.toSet());
        assertThat(Seen.BASE_URLS).hasSize(2);
        assertThat(proxies).hasSize(1);
        String proxy = proxies.iterator().next();
        assertThatThrownBy(() -> Http.post(proxy + "v1/models", "{}"))
                .as("the proxy of a finished run no longer listens").hasMessageContaining("failed");
    }
}

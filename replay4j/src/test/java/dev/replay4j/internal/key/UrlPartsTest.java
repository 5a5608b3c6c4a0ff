// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.key;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.testing.OracleCases;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The host and path of a URL, as Python's {@code urllib.parse.urlparse} splits them (the key hashes that path). */
class UrlPartsTest {
    static Stream<Arguments> urls() {
        return OracleCases.of("urlparse.tsv");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("urls")
    void a_url_splits_into_the_host_and_path_that_python_finds(String url, String netloc, String path) {
        assertThat(UrlParts.of(url)).isEqualTo(new UrlParts(netloc, path));
    }

    @Test
    void only_a_bedrock_host_takes_the_bedrock_rule() {
        assertThat(UrlParts.of("https://bedrock-runtime.us-east-1.amazonaws.com/model/m/invoke").isBedrock()).isTrue();
        assertThat(UrlParts.of("https://api.openai.com/v1/bedrock/chat").isBedrock()).as("bedrock in the path only").isFalse();
        assertThat(UrlParts.of("/v1/chat/completions").isBedrock()).isFalse();
    }
}

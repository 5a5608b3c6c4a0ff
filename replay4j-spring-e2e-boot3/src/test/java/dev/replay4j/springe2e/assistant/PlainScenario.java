// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.springe2e.assistant;

import dev.replay4j.junit5.Replay4jRuntime;
import dev.replay4j.junit5.Replay4jTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * A plain {@code @Replay4jTest} class in the same run, with a Spring {@code RestClient} built by hand on the test's
 * base URL: Spring encodes that URL again, which the {@code /_replay4j/id/} form survives. It shares the proxy of
 * the Spring classes.
 */
@Replay4jTest
class PlainScenario {
    private static final Pattern CONTENT = Pattern.compile("\"content\"\\s*:\\s*\"([^\"]*)\"");

    @Test
    void rest_client_built_by_hand(Replay4jRuntime replay4j) {
        String body = RestClient.builder().baseUrl(replay4j.openAiBaseUrl()).build().post().uri("/chat/completions")
                .contentType(MediaType.APPLICATION_JSON)
                // No replay4j.upstream in this run (the Spring clients name theirs): this client names its own too.
                .header("X-Replay4j-Upstream", System.getProperty("spring.ai.anthropic.base-url"))
                .body("{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"Built by hand\"}]}")
                .retrieve().body(String.class);
        Matcher m = CONTENT.matcher(body);
        Seen.put(replay4j.testId(), "by hand", m.find() ? m.group(1) : body);
        Seen.proxy(replay4j.proxyUrl());
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.suitebench;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** N tests against WireMock's JUnit extension, one stub per test (reset after each, the extension's default). */
public class WireMockSuite {
    @RegisterExtension
    static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static String answer;

    @BeforeAll
    static void read() throws IOException {
        answer = Files.readString(Path.of(System.getProperty("suite.answer")));
    }

    @ParameterizedTest
    @MethodSource("dev.replay4j.suitebench.Tests#numbers")
    void calls(int i) {
        wireMock.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing(Calls.prompt(i))).willReturn(okJson(answer)));
        Calls.call(wireMock.baseUrl() + "/v1", i);
    }
}

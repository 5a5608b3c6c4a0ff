// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.spring;

/**
 * replay4j for Spring Boot tests: a test class annotated {@code @SpringBootTest} and
 * {@link dev.replay4j.junit5.Replay4jTest @Replay4jTest} needs nothing else. Its context gets a customizer for each
 * HTTP client that the model starters build (Boot's {@code RestClient} and {@code WebClient} builders, Spring AI 2's
 * OpenAI and Anthropic OkHttp clients), and each model call goes to the replay4j proxy of the test that makes it,
 * with the base URL the application configured as its upstream. Contexts without {@code @Replay4jTest} are left
 * alone.
 */
public final class Replay4jSpring {
    /** Set in the contexts of {@code @Replay4jTest} classes: what switches the auto-configuration on. */
    public static final String ACTIVE_PROPERTY = "replay4j.spring.active";

    private Replay4jSpring() {
    }
}

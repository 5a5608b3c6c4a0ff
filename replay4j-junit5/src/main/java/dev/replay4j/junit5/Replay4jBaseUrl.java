// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the current test's base URL into a {@code String} parameter of a test, {@code @BeforeEach} or
 * {@code @AfterEach} method: {@link Replay4jRuntime#baseUrl()} followed by {@link #value()}.
 *
 * <pre>{@code
 * @Test
 * void answers(@Replay4jBaseUrl("/v1") String openAiBaseUrl) { ... }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Replay4jBaseUrl {
    /** The API's base path to append: {@code "/v1"} for OpenAI clients, {@code ""} (the default) for Ollama clients. */
    String value() default "";
}

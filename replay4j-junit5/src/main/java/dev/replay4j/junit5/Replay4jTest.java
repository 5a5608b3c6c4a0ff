// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import dev.replay4j.Layout;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the tests of a class through replay4j: each test gets a base URL of its own (inject
 * {@link Replay4jRuntime} or a {@link Replay4jBaseUrl @Replay4jBaseUrl} string) whose requests are replayed
 * from, or recorded into, the test's folder of recordings; a replay miss fails the test.
 *
 * <pre>{@code
 * @Replay4jTest
 * class ChatTest {
 *     @Test
 *     void answers(Replay4jRuntime replay4j) {
 *         OpenAIClient client = OpenAIOkHttpClient.builder()
 *                 .baseUrl(replay4j.openAiBaseUrl()).apiKey(System.getenv().getOrDefault("OPENAI_API_KEY", "unused"))
 *                 .build();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * The mode, upstream and recordings folder come from system properties or environment variables, as
 * {@link Replay4jExtension} describes; without any, the tests replay and never reach the network. For settings in
 * code use {@link Replay4jExtension#builder()} with {@code @RegisterExtension} instead (not both on one class).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(Replay4jExtension.class)
public @interface Replay4jTest {
    /**
     * The recordings root, relative to the module's base directory unless absolute; empty (the default) takes
     * {@value Replay4jExtension#DIR_PROPERTY}, {@value Replay4jExtension#DIR_ENV} or
     * {@value Replay4jExtension#DEFAULT_RECORDINGS}.
     */
    String recordings() default "";

    /** How test ids map to folders; {@link Layout#JAVA} unless the recordings came from llama-stack. */
    Layout layout() default Layout.JAVA;

    /**
     * Record each answer's timing (time to the first byte, each stream event's offset) for this class's tests;
     * {@code false} (the default) leaves it to {@value Replay4jExtension#RECORD_TIMING_PROPERTY}.
     */
    boolean recordTiming() default false;

    /**
     * The replay pace for this class's tests: 0 at once, 1 the recorded pace, 2 twice as fast; negative (the default)
     * leaves it to {@value Replay4jExtension#SPEED_PROPERTY}.
     */
    double speed() default -1;
}

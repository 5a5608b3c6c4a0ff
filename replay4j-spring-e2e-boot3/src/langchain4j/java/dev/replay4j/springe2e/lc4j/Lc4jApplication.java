// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.springe2e.lc4j;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/** A second application: LangChain4j's OpenAI starter, configured by its own properties file. */
@SpringBootApplication
@PropertySource("classpath:lc4j.properties")
public class Lc4jApplication {
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.springe2e.assistant;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * The application under test: a Spring AI assistant as a team would write it, with nothing in it for replay4j. Its
 * models' base URLs come from its configuration (the tests point them at a fake upstream). The task decorator is
 * what the README asks of applications whose {@code @Async} work must stay attributed while tests run concurrently.
 */
@SpringBootApplication
@EnableAsync
public class AssistantApplication {
    @Bean
    TaskDecorator contextPropagatingTaskDecorator() {
        return new ContextPropagatingTaskDecorator();
    }

    public static void main(String[] args) {
        SpringApplication.run(AssistantApplication.class, args);
    }
}

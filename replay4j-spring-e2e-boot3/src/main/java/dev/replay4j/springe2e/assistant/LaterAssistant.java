// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.springe2e.assistant;

import java.util.concurrent.CompletableFuture;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/** The same questions, answered on the application's task executor. */
@Service
public class LaterAssistant {
    private final Assistant assistant;

    public LaterAssistant(Assistant assistant) {
        this.assistant = assistant;
    }

    @Async
    public CompletableFuture<String> askLater(String question) {
        return CompletableFuture.completedFuture(assistant.ask(question) + " (on " + Thread.currentThread().getName().replaceAll("\\d+$", "") + ")");
    }
}

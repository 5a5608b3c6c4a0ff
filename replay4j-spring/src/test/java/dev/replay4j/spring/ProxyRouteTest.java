// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.replay4j.internal.proxy.InProcessTests;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where a model call goes: its test's proxy, its API path, and the application's base URL as the upstream. */
class ProxyRouteTest {
    private static final URI PROXY = URI.create("http://127.0.0.1:41234");
    private final InProcessTests.Test chat = new InProcessTests.Test("com.acme.ChatTest::answers", PROXY);
    private final InProcessTests.Test other = new InProcessTests.Test("com.acme.OtherTest::streams", PROXY);

    @AfterEach
    void nothingRuns() {
        InProcessTests.finished(chat);
        InProcessTests.finished(other);
    }

    @Test
    void a_call_on_the_tests_thread_goes_to_its_proxy_under_the_id_prefix_with_the_application_url_as_upstream() {
        InProcessTests.started(chat);

        ProxyRoute.Target target = ProxyRoute.of("POST", URI.create("https://api.openai.com/v1/chat/completions?api-version=1"));

        assertThat(target.uri()).hasToString("http://127.0.0.1:41234/_replay4j/id/Y29tLmFjbWUuQ2hhdFRlc3Q6OmFuc3dlcnM"
                + "/v1/chat/completions?api-version=1");
        assertThat(target.upstream()).isEqualTo("https://api.openai.com");
    }

    @Test
    void the_upstream_keeps_a_gateways_base_path_and_drops_the_api_path() {
        InProcessTests.started(chat);

        assertThat(ProxyRoute.of("POST", URI.create("https://gw.example/openai/v1/embeddings")).upstream())
                .isEqualTo("https://gw.example/openai");
        assertThat(ProxyRoute.of("POST", URI.create("http://localhost:11434/api/chat")).upstream()).isEqualTo("http://localhost:11434");
        assertThat(ProxyRoute.of("POST", URI.create("http://gw.example/api/v1/messages")).upstream()).isEqualTo("http://gw.example/api");
    }

    @Test
    void other_http_calls_and_calls_already_to_a_proxy_are_left_alone() {
        InProcessTests.started(chat);

        assertThat(ProxyRoute.of("GET", URI.create("https://weather.example/forecast/today"))).isNull();
        assertThat(ProxyRoute.of("GET", URI.create("https://weather.example/api/v2/today"))).isNull();
        assertThat(ProxyRoute.of("POST", URI.create("http://127.0.0.1:41234/_replay4j/id/eA/v1/chat/completions"))).isNull();
    }

    @Test
    void a_call_on_another_thread_is_the_running_tests_when_only_one_runs() throws Exception {
        InProcessTests.started(chat);

        ProxyRoute.Target target = CompletableFuture.supplyAsync(() -> ProxyRoute.of("POST", URI.create("https://api.anthropic.com/v1/messages")),
                r -> new Thread(r).start()).get();

        assertThat(target.uri().getPath()).startsWith("/_replay4j/id/Y29tLmFjbWUuQ2hhdFRlc3Q6OmFuc3dlcnM/");
    }

    @Test
    void a_call_on_a_thread_of_no_test_while_two_run_is_refused_with_the_fix() throws Exception {
        InProcessTests.started(chat);
        CompletableFuture.runAsync(() -> InProcessTests.started(other), r -> new Thread(r).start()).get();

        assertThat(ProxyRoute.of("POST", URI.create("https://api.openai.com/v1/chat/completions")).uri().getPath())
                .as("the test's own thread is still its own").contains("Y29tLmFjbWUuQ2hhdFRlc3Q6OmFuc3dlcnM");
        Throwable refused = CompletableFuture.supplyAsync(() -> ProxyRoute.of("POST", URI.create("https://api.openai.com/v1/chat/completions")),
                r -> new Thread(r).start()).handle((t, e) -> e).get();

        assertThat(refused).hasRootCauseInstanceOf(IllegalStateException.class);
        assertThat(refused.getCause().getMessage()).contains("cannot tell which test", "2 tests run at once",
                "com.acme.ChatTest::answers", "com.acme.OtherTest::streams", "ContextPropagatingTaskDecorator", "one at a time");
    }

    @Test
    void a_call_while_no_test_runs_is_refused() {
        assertThatThrownBy(() -> ProxyRoute.of("POST", URI.create("https://api.openai.com/v1/chat/completions")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("while no @Replay4jTest test runs");
    }

    @Test
    void a_test_bound_by_context_propagation_wins_on_a_pool_thread() throws Exception {
        InProcessTests.started(chat);
        InProcessTests.started(other);
        TestThreadLocalAccessor accessor = new TestThreadLocalAccessor();
        InProcessTests.Test captured = accessor.getValue();

        ProxyRoute.Target target = CompletableFuture.supplyAsync(() -> {
            accessor.setValue(captured);
            try {
                return ProxyRoute.of("POST", URI.create("http://localhost:11434/api/chat"));
            } finally {
                accessor.setValue();
            }
        }, r -> new Thread(r).start()).get();

        assertThat(captured).isEqualTo(other);
        assertThat(target.uri().getPath()).contains("/Y29tLmFjbWUuT3RoZXJUZXN0OjpzdHJlYW1z/api/chat");
    }
}

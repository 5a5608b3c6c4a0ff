/**
 * replay4j: record and replay of LLM API traffic for tests. The API is {@link dev.replay4j.ReplayProxy} and the
 * enums beside it, and {@link dev.replay4j.verify.Verifier}; the {@code internal} packages are for replay4j's own
 * modules only and may change in any release.
 */
module dev.replay4j {
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires jdk.httpserver;
    requires org.slf4j;

    exports dev.replay4j;
    exports dev.replay4j.verify;

    // For replay4j's own modules; the CLI reads recordings and keys, the test integrations run proxies.
    exports dev.replay4j.internal.api to dev.replay4j.cli;
    exports dev.replay4j.internal.json to dev.replay4j.cli;
    exports dev.replay4j.internal.key to dev.replay4j.cli;
    exports dev.replay4j.internal.recording to dev.replay4j.cli;
    exports dev.replay4j.internal.store to dev.replay4j.cli;
    exports dev.replay4j.internal.proxy to dev.replay4j.cli, dev.replay4j.junit, dev.replay4j.spring;
    exports dev.replay4j.internal.usage to dev.replay4j.cli, dev.replay4j.junit, dev.replay4j.spring;

}

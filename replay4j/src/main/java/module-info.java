// SPDX-License-Identifier: Apache-2.0
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

    // For the JUnit extension, which runs proxies of its own. (The CLI is one shaded jar on the class path.)
    exports dev.replay4j.internal.proxy to dev.replay4j.junit, dev.replay4j.spring;
    exports dev.replay4j.internal.usage to dev.replay4j.junit;
    exports dev.replay4j.internal.view to dev.replay4j.junit;

}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.examples;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.replay4j.fakeupstream.FakeUpstream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Re-records the examples' committed recordings against replay4j's fake upstream (an echo server), so that this
 * repository needs no real API key:
 * {@code mvn -pl examples -am test -Dreplay4j.examples.record=true -Dtest=RecordExampleRecordings -Dsurefire.failIfNoSpecifiedTests=false}.
 * Your own project records against the real API instead: see README.md.
 */
@EnabledIfSystemProperty(named = "replay4j.examples.record", matches = "true")
class RecordExampleRecordings {
    @Test
    void record_the_examples() {
        Path recordings = Path.of(System.getProperty("basedir", "."), "src/test/resources/replay4j").toAbsolutePath();
        try (FakeUpstream upstream = FakeUpstream.start()) {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(OpenAiJavaExampleTest.class), selectClass(LangChain4jOpenAiExampleTest.class),
                            selectClass(LangChain4jOllamaExampleTest.class))
                    .configurationParameter("replay4j.mode", "record")
                    .configurationParameter("replay4j.upstream", upstream.url())
                    .configurationParameter("replay4j.dir", recordings.toString())
                    .build();
            Launcher launcher = LauncherFactory.create();
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            launcher.execute(request, listener);
            TestExecutionSummary summary = listener.getSummary();
            if (summary.getTotalFailureCount() > 0 || summary.getTestsSucceededCount() == 0) {
                throw new AssertionError("recording the examples failed: " + summary.getFailures());
            }
        }
    }
}

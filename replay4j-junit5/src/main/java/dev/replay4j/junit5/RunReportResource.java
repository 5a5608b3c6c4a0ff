// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import dev.replay4j.internal.proxy.ProxyServer;
import dev.replay4j.internal.view.RunReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The run's {@code replay4j-report.html}, in the root store: every proxy of the run tells it what it saw, and it is
 * written when the root store closes, at the end of the run.
 */
@SuppressWarnings("deprecation") // CloseableResource: read by JUnit 5.10 to 5.12, as in ProxyResource
final class RunReportResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final Path file;
    private final RunReport report = new RunReport();
    private final Set<ProxyServer> attached = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private boolean written;

    RunReportResource(Path file) {
        this.file = file;
    }

    /** From now on, what this proxy sees goes into the report; a second call for the same proxy does nothing. */
    void attach(ProxyServer proxy) {
        if (attached.add(proxy)) {
            Path root = proxy.config().recordings();
            proxy.seenRequests().listen(seen -> report.add(root, seen));
        }
    }

    @Override
    public synchronized void close() {
        if (written) {
            return;
        }
        written = true;
        try {
            report.writeTo(file);
        } catch (IOException e) {
            System.err.println("replay4j: could not write the run report " + file + ": " + e);
        }
    }
}

package dev.replay4j.junit5;

import dev.replay4j.proxy.Mode;
import dev.replay4j.proxy.ReplayProxy;
import dev.replay4j.store.Layout;
import dev.replay4j.usage.UsageReport;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a proxy is built from, fully resolved. It is the key of the proxy in the root store: test classes
 * whose configuration is equal share one proxy.
 */
record ProxyConfig(Path recordings, Layout layout, Mode mode, List<String> upstreams, List<String> redactedHeaders,
                   List<String> redactedFields, Path usageReport) {

    /** @param usage the report shared by every proxy that writes {@link #usageReport}; {@code null} for none */
    ReplayProxy.Builder toBuilder(UsageReport usage) {
        ReplayProxy.Builder builder = ReplayProxy.builder().recordings(recordings).layout(layout).mode(mode);
        if (usageReport != null && usage != null) {
            builder.usageReport(usageReport, usage);
        }
        upstreams.forEach(builder::upstream);
        redactedHeaders.forEach(builder::redactHeader);
        redactedFields.forEach(builder::redactField);
        return builder;
    }
}

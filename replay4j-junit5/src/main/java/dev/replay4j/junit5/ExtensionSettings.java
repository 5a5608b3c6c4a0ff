// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import dev.replay4j.Layout;
import dev.replay4j.Mode;
import java.nio.file.Path;
import java.util.List;

/** What the code says about the proxy (builder or annotation); {@code null} and empty mean "not said". */
final class ExtensionSettings {
    static final ExtensionSettings NONE = new ExtensionSettings(null, null, null, List.of(), List.of(), List.of());

    final Path recordings;
    final Layout layout;
    final Mode mode;
    final List<String> upstreams;
    final List<String> redactedHeaders;
    final List<String> redactedFields;

    ExtensionSettings(Path recordings, Layout layout, Mode mode, List<String> upstreams, List<String> redactedHeaders,
                      List<String> redactedFields) {
        this.recordings = recordings;
        this.layout = layout;
        this.mode = mode;
        this.upstreams = List.copyOf(upstreams);
        this.redactedHeaders = List.copyOf(redactedHeaders);
        this.redactedFields = List.copyOf(redactedFields);
    }

    /** These settings with what the class's {@link Replay4jTest} says where these say nothing. */
    ExtensionSettings with(Replay4jTest annotation) {
        if (annotation == null) {
            return this;
        }
        Path dir = recordings != null || annotation.recordings().isEmpty() ? recordings : Path.of(annotation.recordings());
        Layout l = layout != null ? layout : annotation.layout();
        return new ExtensionSettings(dir, l, mode, upstreams, redactedHeaders, redactedFields);
    }
}

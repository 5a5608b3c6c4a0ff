// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import dev.replay4j.Layout;
import dev.replay4j.Mode;
import java.nio.file.Path;
import java.util.List;

/** What the code says about the proxy (builder or annotation); {@code null} and empty mean "not said". */
final class ExtensionSettings {
    static final ExtensionSettings NONE = new ExtensionSettings(null, null, null, List.of(), List.of(), List.of(), null, null, null);

    final Path recordings;
    final Layout layout;
    final Mode mode;
    final List<String> upstreams;
    final List<String> redactedHeaders;
    final List<String> redactedFields;
    final Boolean recordTiming;
    final Double speed;
    final String streamProfile;

    ExtensionSettings(Path recordings, Layout layout, Mode mode, List<String> upstreams, List<String> redactedHeaders,
                      List<String> redactedFields, Boolean recordTiming, Double speed, String streamProfile) {
        this.recordTiming = recordTiming;
        this.speed = speed;
        this.streamProfile = streamProfile;
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
        Boolean timing = recordTiming != null || !annotation.recordTiming() ? recordTiming : Boolean.TRUE;
        Double pace = speed != null || annotation.speed() < 0 ? speed : Double.valueOf(annotation.speed());
        return new ExtensionSettings(dir, l, mode, upstreams, redactedHeaders, redactedFields, timing, pace, streamProfile);
    }
}

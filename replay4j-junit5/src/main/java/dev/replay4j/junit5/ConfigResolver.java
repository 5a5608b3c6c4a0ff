// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import static dev.replay4j.junit5.Replay4jExtension.DEFAULT_RECORDINGS;
import static dev.replay4j.junit5.Replay4jExtension.DEFAULT_USAGE;
import static dev.replay4j.junit5.Replay4jExtension.DIR_ENV;
import static dev.replay4j.junit5.Replay4jExtension.DIR_PROPERTY;
import static dev.replay4j.junit5.Replay4jExtension.FAULT_ENV;
import static dev.replay4j.junit5.Replay4jExtension.FAULT_PROPERTY;
import static dev.replay4j.junit5.Replay4jExtension.MODE_ENV;
import static dev.replay4j.junit5.Replay4jExtension.RECORD_TIMING_ENV;
import static dev.replay4j.junit5.Replay4jExtension.RECORD_TIMING_PROPERTY;
import static dev.replay4j.junit5.Replay4jExtension.SPEED_ENV;
import static dev.replay4j.junit5.Replay4jExtension.SPEED_PROPERTY;
import static dev.replay4j.junit5.Replay4jExtension.STREAM_PROFILE_ENV;
import static dev.replay4j.junit5.Replay4jExtension.STREAM_PROFILE_PROPERTY;
import static dev.replay4j.junit5.Replay4jExtension.MODE_PROPERTY;
import static dev.replay4j.junit5.Replay4jExtension.TIMEOUT_ENV;
import static dev.replay4j.junit5.Replay4jExtension.TIMEOUT_PROPERTY;
import static dev.replay4j.junit5.Replay4jExtension.UPSTREAM_ENV;
import static dev.replay4j.junit5.Replay4jExtension.UPSTREAM_PROPERTY;
import static dev.replay4j.junit5.Replay4jExtension.USAGE_ENV;
import static dev.replay4j.junit5.Replay4jExtension.USAGE_PROPERTY;
import static dev.replay4j.junit5.Replay4jExtension.DEFAULT_REPORT;
import static dev.replay4j.junit5.Replay4jExtension.REPORT_ENV;
import static dev.replay4j.junit5.Replay4jExtension.REPORT_PROPERTY;

import dev.replay4j.ApiFamily;
import dev.replay4j.Layout;
import dev.replay4j.Mode;
import dev.replay4j.internal.proxy.Fault;
import dev.replay4j.internal.proxy.ProxyConfig;
import dev.replay4j.internal.proxy.Upstreams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Resolves the proxy configuration of a test: what the code says (builder or annotation) first, then the
 * JUnit configuration parameter (a system property, or junit-platform.properties), then the environment
 * variable, then the default.
 */
final class ConfigResolver {
    private static final ApiFamily[] FAMILIES = {ApiFamily.OPENAI, ApiFamily.OLLAMA, ApiFamily.ANTHROPIC, ApiFamily.GEMINI,
        ApiFamily.BEDROCK};

    /**
     * With replay4j-spring on the class path, the application's clients name their own upstream (the base URL the
     * application configured) in each request, so no upstream setting is needed to record.
     */
    private static final boolean IN_PROCESS_CLIENTS_NAME_UPSTREAMS = present("dev.replay4j.spring.Replay4jSpring");

    private final Function<String, Optional<String>> parameters;
    private final Function<String, String> environment;

    ConfigResolver(ExtensionContext context) {
        this(context::getConfigurationParameter, System::getenv);
    }

    ConfigResolver(Function<String, Optional<String>> parameters, Function<String, String> environment) {
        this.parameters = parameters;
        this.environment = environment;
    }

    ProxyConfig resolve(ExtensionSettings code) {
        Mode mode = code.mode != null ? code.mode : mode();
        List<String> upstreams = upstreams();
        upstreams.addAll(code.upstreams);
        checkUpstreams(upstreams);
        boolean fromRequests = IN_PROCESS_CLIENTS_NAME_UPSTREAMS;
        if (mode.needsUpstream() && upstreams.isEmpty() && !fromRequests) {
            throw new ExtensionConfigurationException("replay4j: mode " + mode + " calls the upstream, but no upstream is"
                    + " configured. Set the system property " + UPSTREAM_PROPERTY + " (or the environment variable "
                    + UPSTREAM_ENV + ") to the API's base URL, such as https://api.openai.com, or to a list such as"
                    + " openai=https://api.openai.com,ollama=http://localhost:11434");
        }
        Path recordings = recordings(code.recordings);
        ProxyConfig.Builder config = ProxyConfig.builder().recordings(recordings)
                .layout(code.layout != null ? code.layout : Layout.JAVA).mode(mode);
        upstreams.forEach(config::upstream);
        if (fromRequests) {
            config.upstreamsFromRequests();
        }
        code.redactedHeaders.forEach(config::redactHeader);
        code.redactedFields.forEach(config::redactField);
        if (mode != Mode.LIVE) {
            config.usageReport(usageReport(recordings));
        }
        config.upstreamTimeout(upstreamTimeout());
        faults().forEach(config::fault);
        config.recordTiming(code.recordTiming != null ? code.recordTiming : recordTiming());
        config.replaySpeed(code.speed != null ? code.speed : speed());
        String profile = code.streamProfile != null ? code.streamProfile : streamProfileSetting();
        if (profile != null) {
            try {
                config.streamProfile(profile);
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException("replay4j: " + e.getMessage() + " (from " + STREAM_PROFILE_PROPERTY + ", "
                        + STREAM_PROFILE_ENV + " or the extension's builder)");
            }
        }
        return config.build();
    }

    /** Where the run's HTML report goes, or {@code null} for {@code none}. */
    Path runReport() {
        Setting setting = setting(REPORT_PROPERTY, REPORT_ENV);
        if (setting == null) {
            return baseDir().resolve(DEFAULT_REPORT);
        }
        if (setting.value.equalsIgnoreCase("none")) {
            return null;
        }
        Path file = Path.of(setting.value);
        return file.isAbsolute() ? file.normalize() : baseDir().resolve(file).normalize();
    }

    /** One report per recordings root, so that two roots in one run never overwrite each other's. */
    private Path usageReport(Path recordings) {
        Setting setting = setting(USAGE_PROPERTY, USAGE_ENV);
        if (setting != null) {
            Path file = Path.of(setting.value);
            return file.isAbsolute() ? file.normalize() : baseDir().resolve(file).normalize();
        }
        if (recordings.equals(baseDir().resolve(Replay4jExtension.DEFAULT_RECORDINGS).normalize())) {
            return baseDir().resolve(DEFAULT_USAGE);
        }
        return baseDir().resolve(String.format("target/replay4j-usage-%08x.json", recordings.toString().hashCode()));
    }

    private Duration upstreamTimeout() {
        Setting setting = setting(TIMEOUT_PROPERTY, TIMEOUT_ENV);
        if (setting == null) {
            return ProxyConfig.DEFAULT_UPSTREAM_TIMEOUT;
        }
        try {
            long seconds = Long.parseLong(setting.value);
            if (seconds > 0 && seconds <= ProxyConfig.MAX_UPSTREAM_TIMEOUT.toSeconds()) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ExtensionConfigurationException("replay4j: " + setting.source + " is '" + setting.value
                + "', which is not a timeout: give the longest the upstream may keep silent, in whole seconds from 1 to "
                + ProxyConfig.MAX_UPSTREAM_TIMEOUT.toSeconds() + ", such as 600");
    }

    private boolean recordTiming() {
        Setting setting = setting(RECORD_TIMING_PROPERTY, RECORD_TIMING_ENV);
        if (setting == null) {
            return false;
        }
        if (setting.value.equalsIgnoreCase("true") || setting.value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(setting.value);
        }
        throw new ExtensionConfigurationException("replay4j: " + setting.source + " is '" + setting.value
                + "', which is not true or false");
    }

    private double speed() {
        Setting setting = setting(SPEED_PROPERTY, SPEED_ENV);
        if (setting == null) {
            return 0;
        }
        try {
            double factor = Double.parseDouble(setting.value);
            if (factor >= 0 && !Double.isInfinite(factor) && setting.value.matches("[0-9.]+")) {
                return factor;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ExtensionConfigurationException("replay4j: " + setting.source + " is '" + setting.value
                + "', which is not a replay speed: 0 (at once), 1 (the recorded pace), 2 (twice as fast), 0.5 (half)");
    }

    private String streamProfileSetting() {
        Setting setting = setting(STREAM_PROFILE_PROPERTY, STREAM_PROFILE_ENV);
        return setting == null ? null : setting.value;
    }

    private List<String> faults() {
        Setting setting = setting(FAULT_PROPERTY, FAULT_ENV);
        if (setting == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String spec : setting.value.split(";")) {
            if (spec.isBlank()) {
                continue;
            }
            try {
                Fault.parse(spec);
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException("replay4j: " + setting.source + " is '" + setting.value
                        + "', which is not a list of faults: " + e.getMessage() + " (separate several faults with ;)");
            }
            out.add(spec.trim());
        }
        return out;
    }

    private Mode mode() {
        Setting setting = setting(MODE_PROPERTY, MODE_ENV);
        if (setting == null) {
            return Mode.REPLAY;
        }
        try {
            return Mode.fromName(setting.value);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("replay4j: " + setting.source + " is '" + setting.value
                    + "', which is not a mode: use replay, record, record-if-missing or live");
        }
    }

    /** The generic list ({@code URL} or {@code family=URL}, comma-separated), then one per family. */
    private List<String> upstreams() {
        List<String> out = new ArrayList<>();
        Setting all = setting(UPSTREAM_PROPERTY, UPSTREAM_ENV);
        if (all != null) {
            for (String spec : all.value.split(",")) {
                if (!spec.isBlank()) {
                    out.add(spec.trim());
                }
            }
        }
        for (ApiFamily family : FAMILIES) {
            Setting one = setting(UPSTREAM_PROPERTY + "." + family.cliName(),
                    UPSTREAM_ENV + "_" + family.cliName().toUpperCase(Locale.ROOT));
            if (one != null) {
                out.add(family.cliName() + "=" + one.value.trim());
            }
        }
        return out;
    }

    private static void checkUpstreams(List<String> upstreams) {
        Upstreams check = Upstreams.NONE;
        for (String spec : upstreams) {
            try {
                check = check.with(spec);
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException("replay4j: " + e.getMessage() + " (from " + UPSTREAM_PROPERTY
                        + ", " + UPSTREAM_ENV + " or the extension's builder): give URL or family=URL, such as"
                        + " openai=https://api.openai.com");
            }
        }
    }

    private Path recordings(Path fromCode) {
        Path dir = fromCode;
        if (dir == null) {
            Setting setting = setting(DIR_PROPERTY, DIR_ENV);
            dir = Path.of(setting != null ? setting.value : DEFAULT_RECORDINGS);
        }
        return dir.isAbsolute() ? dir.normalize() : baseDir().resolve(dir).normalize();
    }

    /** Maven's Surefire sets {@code basedir} to the module's folder; elsewhere the working directory is the module's. */
    static Path baseDir() {
        String basedir = System.getProperty("basedir");
        return Path.of(basedir != null && !basedir.isBlank() ? basedir : System.getProperty("user.dir")).toAbsolutePath();
    }

    private Setting setting(String property, String env) {
        Optional<String> fromParameter = parameters.apply(property).filter(v -> !v.isBlank());
        if (fromParameter.isPresent()) {
            return new Setting(fromParameter.get().trim(), "the system property (or JUnit configuration parameter) " + property);
        }
        String fromEnv = environment.apply(env);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Setting(fromEnv.trim(), "the environment variable " + env);
        }
        return null;
    }

    private static final class Setting {
        final String value;
        final String source;

        Setting(String value, String source) {
            this.value = value;
            this.source = source;
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ConfigResolver.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}

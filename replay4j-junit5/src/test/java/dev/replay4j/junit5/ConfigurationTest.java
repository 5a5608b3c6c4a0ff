// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.replay4j.Mode;
import dev.replay4j.fakeupstream.testing.RecordingFiles;
import dev.replay4j.internal.proxy.ProxyConfig;
import dev.replay4j.junit5.fixtures.ChatFixture;
import dev.replay4j.junit5.fixtures.ConstructorFixture;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ConfigurationTest {
    @TempDir
    Path recordings;

    @Test
    void a_mode_that_calls_the_upstream_without_one_is_a_configuration_error() {
        Map<String, Throwable> failures = Kit.failures(Kit.run(
                Map.of("replay4j.mode", "record", "replay4j.dir", recordings.toString()), ChatFixture.class));

        assertThat(failures).hasSize(4);
        Set<Throwable> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(failures.values());
        assertThat(distinct).as("each test fails with an exception of its own").hasSize(4);
        assertThat(failures.get("chat(Replay4jRuntime)")).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("replay4j: mode record calls the upstream, but no upstream is configured. Set the system"
                        + " property replay4j.upstream (or the environment variable REPLAY4J_UPSTREAM) to the API's base"
                        + " URL, such as https://api.openai.com, or to a list such as"
                        + " openai=https://api.openai.com,ollama=http://localhost:11434");
        assertThat(RecordingFiles.names(recordings)).isEmpty();
    }

    @Test
    void an_unknown_mode_is_a_configuration_error_naming_the_allowed_ones() {
        Map<String, Throwable> failures = Kit.failures(Kit.run(
                Map.of("replay4j.mode", "replya", "replay4j.dir", recordings.toString()), ChatFixture.class));

        assertThat(failures.get("chat(Replay4jRuntime)")).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("replay4j: the system property (or JUnit configuration parameter) replay4j.mode is 'replya',"
                        + " which is not a mode: use replay, record, record-if-missing or live");
    }

    @Test
    void a_bad_upstream_is_a_configuration_error() {
        Map<String, Throwable> failures = Kit.failures(Kit.run(Map.of("replay4j.mode", "record-if-missing",
                "replay4j.upstream", "ftp://nowhere", "replay4j.dir", recordings.toString()), ChatFixture.class));

        assertThat(failures.get("chat(Replay4jRuntime)")).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("replay4j: upstream 'ftp://nowhere' must be an http:// or https:// URL with a host");
    }

    @Test
    void the_runtime_cannot_be_injected_into_a_constructor() {
        Map<String, Throwable> failures = Kit.failures(Kit.run(Kit.replay(recordings), ConstructorFixture.class));

        assertThat(failures.get("chat()")).isInstanceOf(ParameterResolutionException.class)
                .hasMessageContaining("replay4j: Replay4jRuntime belongs to one test, so it can be injected into @Test,"
                        + " @BeforeEach and @AfterEach methods only");
    }

    @Test
    void properties_win_over_the_environment_and_code_wins_over_both() {
        Map<String, String> env = Map.of("REPLAY4J_MODE", "live", "REPLAY4J_UPSTREAM", "http://env.example",
                "REPLAY4J_UPSTREAM_OLLAMA", "http://ollama.example:11434", "REPLAY4J_DIR", "/env/dir");
        ConfigResolver propertiesAndEnv = new ConfigResolver(
                key -> key.equals("replay4j.mode") ? Optional.of("record") : Optional.empty(), env::get);

        ProxyConfig fromPropertiesAndEnv = propertiesAndEnv.resolve(ExtensionSettings.NONE);
        assertThat(fromPropertiesAndEnv.mode()).isEqualTo(Mode.RECORD);
        assertThat(fromPropertiesAndEnv.upstreams()).hasToString("http://env.example, ollama=http://ollama.example:11434");
        assertThat(fromPropertiesAndEnv.recordings()).isEqualTo(Path.of("/env/dir"));

        ProxyConfig fromCode = propertiesAndEnv.resolve(
                Replay4jExtension.builder().mode(Mode.REPLAY).recordings(recordings).settings());
        assertThat(fromCode.mode()).isEqualTo(Mode.REPLAY);
        assertThat(fromCode.recordings()).isEqualTo(recordings);
    }

    @Test
    void gemini_and_bedrock_upstreams_come_from_their_properties_and_environment_variables() {
        Map<String, String> env = Map.of("REPLAY4J_UPSTREAM_BEDROCK", "https://bedrock-runtime.us-east-1.amazonaws.com");
        ConfigResolver resolver = new ConfigResolver(key -> key.equals("replay4j.upstream.gemini")
                ? Optional.of("https://generativelanguage.googleapis.com") : Optional.empty(), env::get);

        assertThat(resolver.resolve(ExtensionSettings.NONE).upstreams()).hasToString(
                "gemini=https://generativelanguage.googleapis.com, bedrock=https://bedrock-runtime.us-east-1.amazonaws.com");
    }

    @Test
    void with_nothing_set_the_tests_replay_from_the_modules_default_folder() {
        ProxyConfig config = new ConfigResolver(key -> Optional.empty(), key -> null).resolve(ExtensionSettings.NONE);

        assertThat(config.mode()).isEqualTo(Mode.REPLAY);
        assertThat(config.upstreams().isEmpty()).isTrue();
        assertThat(config.recordings()).isEqualTo(ConfigResolver.baseDir().resolve("src/test/resources/replay4j"));
    }

    @Test
    void timing_settings_come_from_properties_the_environment_the_annotation_or_the_builder() {
        ProxyConfig none = new ConfigResolver(key -> Optional.empty(), key -> null).resolve(ExtensionSettings.NONE);
        assertThat(none.recordTiming()).isFalse();
        assertThat(none.replaySpeed()).isZero();
        assertThat(none.streamProfile()).isNull();

        Map<String, String> env = Map.of("REPLAY4J_RECORD_TIMING", "true", "REPLAY4J_STREAM_PROFILE", "ttft=200,rate=30");
        ConfigResolver resolver = new ConfigResolver(key -> key.equals("replay4j.speed") ? Optional.of("0.5") : Optional.empty(), env::get);
        ProxyConfig fromSettings = resolver.resolve(ExtensionSettings.NONE);
        assertThat(fromSettings.recordTiming()).isTrue();
        assertThat(fromSettings.replaySpeed()).isEqualTo(0.5);
        assertThat(fromSettings.streamProfile().ttftMs()).isEqualTo(200);

        ProxyConfig fromCode = resolver.resolve(Replay4jExtension.builder().recordTiming(false).speed(2).settings());
        assertThat(fromCode.recordTiming()).isFalse();
        assertThat(fromCode.replaySpeed()).isEqualTo(2);

        assertThatThrownBy(() -> new ConfigResolver(key -> key.equals("replay4j.speed") ? Optional.of("fast") : Optional.empty(),
                key -> null).resolve(ExtensionSettings.NONE)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("replay4j.speed").hasMessageContaining("'fast'");
        assertThatThrownBy(() -> new ConfigResolver(key -> Optional.empty(), Map.of("REPLAY4J_STREAM_PROFILE", "ttft=1")::get)
                .resolve(ExtensionSettings.NONE)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("REPLAY4J_STREAM_PROFILE");
    }

    @Test
    void the_builder_refuses_null() {
        assertThatThrownBy(() -> Replay4jExtension.builder().recordings(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("dir");
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5;

import dev.replay4j.Layout;
import dev.replay4j.Mode;
import dev.replay4j.internal.proxy.InProcessTests;
import dev.replay4j.internal.proxy.ProxyConfig;
import dev.replay4j.internal.usage.UsageReport;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * The JUnit Jupiter extension behind {@link Replay4jTest @Replay4jTest}; register it yourself to configure it in
 * code:
 *
 * <pre>{@code
 * @RegisterExtension
 * static Replay4jExtension replay4j = Replay4jExtension.builder()
 *         .recordings(Path.of("src/test/resources/llm"))
 *         .redactField("user")
 *         .build();
 * }</pre>
 *
 * <h2>Lifecycle and scope</h2>
 * One replay4j proxy per test run and configuration: it starts on 127.0.0.1 (a free port) when the first test
 * that needs it begins, is shared by every test class with the same configuration, and lives in the root
 * {@link ExtensionContext.Store} under this class's namespace, so JUnit closes it when the run ends (recordings
 * still being written land first). This extension keeps no state of its own: one instance may serve concurrent
 * tests, and the tests may run in parallel, since each test's base URL carries its own test id.
 *
 * <h2>Test ids</h2>
 * {@code <binary class name>::<method>}, plus {@code [<invocation index>]} for each invocation of a
 * parameterized, repeated or other template test (such as {@code com.acme.ChatTest::answers[2]}); recordings land
 * in {@code <recordings>/com/acme/ChatTest/}. Dynamic tests share their factory's id: they get no callbacks of
 * their own, so inject the runtime into the {@code @TestFactory} method.
 *
 * <h2>Configuration</h2>
 * Each setting is taken from the builder or the annotation if given there, else from the JUnit configuration
 * parameter of that name (a system property such as {@code -Dreplay4j.mode=record-if-missing}, or
 * {@code junit-platform.properties}), else from the environment variable, else the default:
 * <ul>
 *   <li>mode: {@value #MODE_PROPERTY} / {@value #MODE_ENV}: {@code replay} (the default: never the network),
 *       {@code record}, {@code record-if-missing} or {@code live};</li>
 *   <li>upstream: {@value #UPSTREAM_PROPERTY} / {@value #UPSTREAM_ENV}: a comma-separated list of {@code URL} or
 *       {@code family=URL} ({@code openai}, {@code ollama}, {@code anthropic}, {@code gemini}, {@code bedrock}); also
 *       {@code replay4j.upstream.openai} / {@code REPLAY4J_UPSTREAM_OPENAI} and likewise per family. Required by
 *       every mode but replay;</li>
 *   <li>recordings root: {@value #DIR_PROPERTY} / {@value #DIR_ENV}, default {@value #DEFAULT_RECORDINGS},
 *       relative to the module's base directory (Maven's {@code basedir}, else the working directory);</li>
 *   <li>upstream timeout: {@value #TIMEOUT_PROPERTY} / {@value #TIMEOUT_ENV}, in seconds: the longest the upstream may
 *       keep silent while recording, before its headers or between two of its bytes (default 600);</li>
 *   <li>usage report: {@value #USAGE_PROPERTY} / {@value #USAGE_ENV}, default {@value #DEFAULT_USAGE} (for another
 *       recordings root, {@code target/replay4j-usage-<digest of its path>.json}): written when the run ends, in
 *       every mode but live; it lists the recordings served and recorded and the requests that missed, and is what
 *       {@code replay4j prune} reads;</li>
 *   <li>run report: {@value #REPORT_PROPERTY} / {@value #REPORT_ENV}, default {@value #DEFAULT_REPORT}, or {@code none}:
 *       one self-contained HTML file written when the run ends, with each test's requests (served, recorded, missed),
 *       each miss's explanation and each recording's path relative to the recordings root;</li>
 *   <li>faults: {@value #FAULT_PROPERTY} / {@value #FAULT_ENV}: faults for every request of the run, one spec or several
 *       separated by {@code ;} (see {@link Replay4jRuntime#fault(String)} for the items; {@code times} counts across the
 *       proxy). For one test only, call {@link Replay4jRuntime#fault(String)};</li>
 *   <li>timing: {@value #RECORD_TIMING_PROPERTY} / {@value #RECORD_TIMING_ENV} ({@code true} records each answer's time
 *       to its first byte and each stream event's offset), {@value #SPEED_PROPERTY} / {@value #SPEED_ENV} (the replay
 *       pace: 0 at once, the default; 1 the recorded pace; 2 twice as fast) and {@value #STREAM_PROFILE_PROPERTY} /
 *       {@value #STREAM_PROFILE_ENV} ({@code ttft=MS,rate=N}, the pace of recordings without timings); also
 *       {@link Replay4jTest#recordTiming()} and {@link Replay4jTest#speed()} per class.</li>
 * </ul>
 * A wrong setting fails each test with an {@link org.junit.jupiter.api.extension.ExtensionConfigurationException}
 * that names the property to fix.
 *
 * <h2>Replay misses</h2>
 * A request that has no recording in mode {@code replay} gets a 404 from the proxy, and fails the test with an
 * {@link AssertionFailedError} that carries the proxy's explanation (the key, the folders searched, the nearest
 * recording and how it differs), with the client's exception as its cause if the test threw one. A test that
 * caught the client's exception fails all the same: it is not reproducible from its recordings.
 */
public final class Replay4jExtension implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler,
        ParameterResolver {

    /** The mode's system property (or JUnit configuration parameter). */
    public static final String MODE_PROPERTY = "replay4j.mode";
    /** The mode's environment variable. */
    public static final String MODE_ENV = "REPLAY4J_MODE";
    /** The upstreams' system property (or JUnit configuration parameter). */
    public static final String UPSTREAM_PROPERTY = "replay4j.upstream";
    /** The upstreams' environment variable. */
    public static final String UPSTREAM_ENV = "REPLAY4J_UPSTREAM";
    /** The recordings root's system property (or JUnit configuration parameter). */
    public static final String DIR_PROPERTY = "replay4j.dir";
    /** The recordings root's environment variable. */
    public static final String DIR_ENV = "REPLAY4J_DIR";
    /** The recordings root unless configured, relative to the module's base directory. */
    public static final String DEFAULT_RECORDINGS = "src/test/resources/replay4j";
    /** Where the usage report goes (system property or JUnit configuration parameter). */
    public static final String USAGE_PROPERTY = "replay4j.usage";
    /** The usage report's environment variable. */
    public static final String USAGE_ENV = "REPLAY4J_USAGE";
    /** The upstream timeout, in seconds (system property or JUnit configuration parameter). */
    public static final String TIMEOUT_PROPERTY = "replay4j.timeout";
    /** The upstream timeout's environment variable. */
    public static final String TIMEOUT_ENV = "REPLAY4J_TIMEOUT";
    /**
     * Faults for every request of the run (system property or JUnit configuration parameter): one fault spec, or
     * several separated by {@code ;}, such as {@code status=429,retry-after=1,times=1;delay=2000,endpoint=/v1/embeddings}.
     */
    public static final String FAULT_PROPERTY = "replay4j.fault";
    /** The run's faults' environment variable. */
    public static final String FAULT_ENV = "REPLAY4J_FAULT";
    /** Whether recordings hold their timing, {@code true} or {@code false} (system property or JUnit configuration parameter). */
    public static final String RECORD_TIMING_PROPERTY = "replay4j.recordTiming";
    /** The timing recording's environment variable. */
    public static final String RECORD_TIMING_ENV = "REPLAY4J_RECORD_TIMING";
    /** The replay pace: 0 at once (the default), 1 the recorded pace, 2 twice as fast, 0.5 half. */
    public static final String SPEED_PROPERTY = "replay4j.speed";
    /** The replay pace's environment variable. */
    public static final String SPEED_ENV = "REPLAY4J_SPEED";
    /** {@code ttft=MS,rate=N}: the pace of recordings without timings. */
    public static final String STREAM_PROFILE_PROPERTY = "replay4j.streamProfile";
    /** The stream profile's environment variable. */
    public static final String STREAM_PROFILE_ENV = "REPLAY4J_STREAM_PROFILE";
    /** Where the run's HTML report goes (system property or JUnit configuration parameter); {@code none}: no report. */
    public static final String REPORT_PROPERTY = "replay4j.report";
    /** The run report's environment variable. */
    public static final String REPORT_ENV = "REPLAY4J_REPORT";
    /** The run report unless configured, relative to the module's base directory. */
    public static final String DEFAULT_REPORT = "target/replay4j-report.html";
    /** The usage report of the default recordings root, relative to the module's base directory. */
    public static final String DEFAULT_USAGE = "target/replay4j-usage.json";

    private static final Namespace NAMESPACE = Namespace.create(Replay4jExtension.class);

    private final ExtensionSettings settings;

    /** For {@code @ExtendWith} and {@link Replay4jTest}: everything from the annotation, properties and defaults. */
    Replay4jExtension() {
        this(ExtensionSettings.NONE);
    }

    private Replay4jExtension(ExtensionSettings settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestRun run = run(context);
        run.proxy().proxy.takeMisses(run.testId()); // a miss of an earlier run of this id is not this test's
        run.proxy().proxy.clearTestFaults(run.testId());
        run.proxy().proxy.resetSequences(run.testId()); // its nth identical request is the nth answer, every run
        InProcessTests.started(run.inProcess()); // for shared clients (Spring), which name the test per request
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        Optional<String> testId = TestIds.of(context);
        if (testId.isPresent()) {
            List<String> misses = run(context).proxy().proxy.takeMisses(testId.get());
            if (!misses.isEmpty()) {
                throw missed(testId.get(), misses, thrown);
            }
        }
        throw thrown;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestRun run = run(context);
        InProcessTests.finished(run.inProcess());
        run.proxy().proxy.clearTestFaults(run.testId()); // a test's faults end with it
        run.proxy().proxy.resetSequences(run.testId());
        List<String> misses = run.proxy().proxy.takeMisses(run.testId());
        if (!misses.isEmpty()) {
            throw missed(run.testId(), misses, null);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Parameter p = parameterContext.getParameter();
        return p.getType() == Replay4jRuntime.class
                || p.getType() == String.class && parameterContext.isAnnotated(Replay4jBaseUrl.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Parameter p = parameterContext.getParameter();
        if (TestIds.of(extensionContext).isEmpty()) {
            throw new ParameterResolutionException("replay4j: " + p.getType().getSimpleName() + " belongs to one test, so"
                    + " it can be injected into @Test, @BeforeEach and @AfterEach methods only, but "
                    + parameterContext.getDeclaringExecutable() + " asked for it; move the parameter to one of those");
        }
        TestRun run = run(extensionContext);
        Replay4jRuntime runtime = new Replay4jRuntime(run.proxy().proxy, run.proxy().proxy.url(), run.proxy().proxy.idBaseUrl(run.testId()),
                run.testId(), run.proxy().config.mode(), run.proxy().config.recordings());
        if (p.getType() == Replay4jRuntime.class) {
            return runtime;
        }
        return runtime.baseUrl() + parameterContext.findAnnotation(Replay4jBaseUrl.class).map(Replay4jBaseUrl::value).orElse("");
    }

    private record TestRun(String testId, ProxyResource proxy) {
        InProcessTests.Test inProcess() {
            return new InProcessTests.Test(testId, proxy.proxy.url());
        }
    }

    /**
     * The root store's key of a report file: the run report, or the usage report shared by the proxies that write one
     * file. Its equals and hashCode are written out, as {@link RunKey}'s.
     */
    private record FileKey(String report, Path file) {
        static FileKey usage(Path file) {
            return new FileKey("usage", file);
        }

        static FileKey run(Path file) {
            return new FileKey("run", file);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FileKey && ((FileKey) o).report.equals(report) && ((FileKey) o).file.equals(file);
        }

        @Override
        public int hashCode() {
            return 31 * report.hashCode() + file.hashCode();
        }
    }

    /**
     * The test's run: resolved once per test (its first callback), then kept in the test's store, since each test
     * asks for it three or four times (before it, for its parameters, after it). Keyed by the context's unique id:
     * a store's lookup reaches its parents' too, and no enclosing context's run may ever pass for a test's own.
     */
    private TestRun run(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(new RunKey(context.getUniqueId()), key -> resolveRun(context),
                TestRun.class);
    }

    /**
     * The key of a test's run in its store. Its equals and hashCode are written out: a record's own are bootstrapped
     * through method handles the first time they run, 10 ms and more of a test JVM's first answer.
     */
    private record RunKey(String uniqueId) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RunKey && ((RunKey) o).uniqueId.equals(uniqueId);
        }

        @Override
        public int hashCode() {
            return uniqueId.hashCode();
        }
    }

    private TestRun resolveRun(ExtensionContext context) {
        String testId = TestIds.of(context).orElseThrow(() -> new IllegalStateException(
                "replay4j: no test method in " + context.getUniqueId()));
        ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
        ClassKey key = new ClassKey(settings, context.getRequiredTestClass());
        ProxyResource proxy = root.get(key, ProxyResource.class);
        if (proxy == null) {
            // Not getOrComputeIfAbsent: it would keep a wrong setting's exception and throw that one instance for
            // every test of the class. Two tests resolving at once find the same proxy (keyed by configuration).
            proxy = resolveProxy(context);
            root.put(key, proxy);
        }
        return new TestRun(testId, proxy);
    }

    /**
     * The key of a test class's proxy in the root store: a class's configuration comes from this extension's settings,
     * the class's annotation (or an enclosing class's) and the run's parameters and environment, so it is resolved
     * once per class, not for each of its tests (which cost a test a third of a millisecond, most of it hashing the
     * configuration to find the proxy).
     */
    private record ClassKey(ExtensionSettings settings, Class<?> testClass) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ClassKey && ((ClassKey) o).settings == settings && ((ClassKey) o).testClass == testClass;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(settings) + testClass.hashCode(); // see RunKey
        }
    }

    private ProxyResource resolveProxy(ExtensionContext context) {
        ProxyConfig config = new ConfigResolver(context).resolve(settings.with(annotation(context)));
        ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
        // Proxies of different configurations on one report file share one report, written whole by the last to close.
        UsageReport usage = config.usageReport() == null ? null : root.getOrComputeIfAbsent(
                FileKey.usage(config.usageReport()), key -> new UsageReport(config.recordings(), config.mode().cliName()),
                UsageReport.class);
        Path reportFile = new ConfigResolver(context).runReport();
        RunReportResource report = reportFile == null ? null
                : root.getOrComputeIfAbsent(FileKey.run(reportFile), key -> new RunReportResource(reportFile), RunReportResource.class);
        ProxyResource proxy = root.getOrComputeIfAbsent(config, c -> ProxyResource.start(c, usage), ProxyResource.class);
        if (report != null) {
            report.attach(proxy.proxy);
        }
        return proxy;
    }

    /** The {@link Replay4jTest} on the test class or, for a nested class, on an enclosing one. */
    private static Replay4jTest annotation(ExtensionContext context) {
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            Optional<Replay4jTest> found = AnnotationSupport.findAnnotation(c, Replay4jTest.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return null;
    }

    private static AssertionFailedError missed(String testId, List<String> misses, Throwable cause) {
        StringBuilder message = new StringBuilder();
        message.append("replay4j: ").append(misses.size() == 1 ? "1 request" : misses.size() + " requests")
                .append(" of test ").append(testId).append(" had no recording, so this test cannot be replayed");
        for (String miss : misses) {
            message.append("\n\n").append(miss);
        }
        return new AssertionFailedError(message.toString(), cause);
    }

    @Override
    public String toString() {
        return "Replay4jExtension[" + (settings == ExtensionSettings.NONE ? "from @Replay4jTest and properties" : "built in code") + "]";
    }

    /**
     * Settings given in code; each one left out is taken from the system property, environment variable or
     * default that {@link Replay4jExtension} lists.
     */
    public static final class Builder {
        private Path recordings;
        private Layout layout;
        private Mode mode;
        private final List<String> upstreams = new ArrayList<>();
        private final List<String> redactedHeaders = new ArrayList<>();
        private final List<String> redactedFields = new ArrayList<>();
        private Boolean recordTiming;
        private Double speed;
        private String streamProfile;

        private Builder() {
        }

        /** The recordings root, relative to the module's base directory unless absolute. */
        public Builder recordings(Path dir) {
            this.recordings = Objects.requireNonNull(dir, "dir");
            return this;
        }

        public Builder layout(Layout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /** The mode, whatever {@value #MODE_PROPERTY} says: for tests of the recording itself, rarely otherwise. */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** {@code URL} or {@code family=URL}, added to those of {@value #UPSTREAM_PROPERTY}, and winning over them. */
        public Builder upstream(String spec) {
            upstreams.add(Objects.requireNonNull(spec, "spec"));
            return this;
        }

        /** A header never written to a recording, beyond the credentials replay4j always leaves out. */
        public Builder redactHeader(String name) {
            redactedHeaders.add(Objects.requireNonNull(name, "name"));
            return this;
        }

        /** A request body field (at any depth) replaced by {@code "<redacted>"} before it is keyed and written. */
        public Builder redactField(String name) {
            redactedFields.add(Objects.requireNonNull(name, "name"));
            return this;
        }

        /** Whether recordings hold their timing, whatever {@value #RECORD_TIMING_PROPERTY} says. */
        public Builder recordTiming(boolean on) {
            this.recordTiming = on;
            return this;
        }

        /** The replay pace, whatever {@value #SPEED_PROPERTY} says: 0 at once, 1 the recorded pace, 2 twice as fast. */
        public Builder speed(double factor) {
            if (!(factor >= 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("the replay speed is a factor of 0 or more, not " + factor);
            }
            this.speed = factor;
            return this;
        }

        /** {@code ttft=MS,rate=N}, whatever {@value #STREAM_PROFILE_PROPERTY} says. */
        public Builder streamProfile(String spec) {
            this.streamProfile = Objects.requireNonNull(spec, "spec");
            return this;
        }

        public Replay4jExtension build() {
            return new Replay4jExtension(settings());
        }

        ExtensionSettings settings() {
            return new ExtensionSettings(recordings, layout, mode, upstreams, redactedHeaders, redactedFields, recordTiming, speed,
                    streamProfile);
        }
    }
}

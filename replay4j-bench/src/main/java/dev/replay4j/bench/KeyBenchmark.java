// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.JsonFormatException;
import dev.replay4j.internal.key.KeyVersion;
import dev.replay4j.internal.key.RequestKey;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Version-2 request keys over every recorded request of the conformance sample, one thread, as the
 * Python reference's {@code reckey.py bench} measures them. One operation is one pass over the whole
 * sample; MB/s is the {@code json.dumps} size of the bodies (see {@link Sample}) over the time of a pass.
 *
 * <ul>
 *   <li>{@link #parseAndKey}: {@code Json.parse} of the body bytes and {@code RequestKey.compute(..., V2)},
 *       the reference's loop ({@code json.loads} + {@code inference_key});</li>
 *   <li>{@link #keyOnly}: the key of bodies parsed beforehand;</li>
 *   <li>{@link #parseOnly}: the parse alone.</li>
 * </ul>
 *
 * <p>{@code -Dreplay4j.bench.expectedBytes=N} (the Python reference's {@code bytes}) makes the setup fail
 * unless the Java side serialised exactly as many bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class KeyBenchmark {
    static final String EXPECTED_BYTES_PROPERTY = "replay4j.bench.expectedBytes";

    private String[] methods;
    private String[] urls;
    private String[] testIds;
    private byte[][] bodies;
    private JsonNode[] parsed;

    @Setup(Level.Trial)
    public void load() throws JsonFormatException {
        Sample sample = Sample.load(Sample.directory());
        int n = sample.requests.size();
        methods = new String[n];
        urls = new String[n];
        testIds = new String[n];
        bodies = new byte[n][];
        parsed = new JsonNode[n];
        int named = 0;
        for (int i = 0; i < n; i++) {
            Sample.Request r = sample.requests.get(i);
            methods[i] = r.method();
            urls[i] = r.url();
            testIds[i] = r.testId();
            bodies[i] = r.dumped();
            parsed[i] = Json.parse(r.dumped());
            if (RequestKey.compute(r.method(), r.url(), parsed[i], r.testId(), KeyVersion.V2).hex().equals(r.fileKey())) {
                named++;
            }
        }
        System.out.printf("%nsample: %d requests, %d bytes (json.dumps of the bodies); %d file names are their v2 key%n",
                n, sample.bytes, named);
        String expected = System.getProperty(EXPECTED_BYTES_PROPERTY);
        if (expected != null && Long.parseLong(expected.trim()) != sample.bytes) {
            throw new IllegalStateException("the bodies serialise to " + sample.bytes + " bytes here but to " + expected
                    + " in the Python reference: the two benchmarks would not measure the same input");
        }
    }

    @Benchmark
    public void parseAndKey(Blackhole bh) throws JsonFormatException {
        for (int i = 0; i < bodies.length; i++) {
            JsonNode body = Json.parse(bodies[i]);
            bh.consume(RequestKey.compute(methods[i], urls[i], body, testIds[i], KeyVersion.V2).hex());
        }
    }

    @Benchmark
    public void keyOnly(Blackhole bh) {
        for (int i = 0; i < parsed.length; i++) {
            bh.consume(RequestKey.compute(methods[i], urls[i], parsed[i], testIds[i], KeyVersion.V2).hex());
        }
    }

    @Benchmark
    public void parseOnly(Blackhole bh) throws JsonFormatException {
        for (byte[] body : bodies) {
            bh.consume(Json.parse(body));
        }
    }
}

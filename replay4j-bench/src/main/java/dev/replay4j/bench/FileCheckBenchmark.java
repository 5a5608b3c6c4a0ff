// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a lookup pays to find that a candidate recording is not there (most are not: every key version, every answer
 * of a sequence past its end), by the JDK call that asks. {@code RecordingStore.candidate} uses {@code Files.exists}.
 *
 * <pre>java -jar replay4j-bench/target/benchmarks.jar FileCheckBenchmark -f 1 -wi 3 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FileCheckBenchmark {
    private Path folder;
    private Path missing;

    @Setup
    public void setUp() throws IOException {
        folder = Files.createTempDirectory("file-check");
        missing = folder.resolve("0123456789abcdef.json");
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.delete(folder);
    }

    @Benchmark
    public boolean exists() {
        return Files.exists(missing);
    }

    @Benchmark
    public boolean isRegularFile() {
        return Files.isRegularFile(missing);
    }

    /** The JDK 17 way to one call for present files, at the price of a {@code NoSuchFileException} for missing ones. */
    @Benchmark
    public BasicFileAttributes readAttributes() {
        try {
            return Files.readAttributes(missing, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }
}

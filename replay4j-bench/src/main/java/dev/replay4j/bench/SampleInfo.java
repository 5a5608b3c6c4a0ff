// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.bench;

import java.nio.file.Path;

/**
 * Prints {@code {"requests": N, "bytes": N}} for the benchmark's input, to compare with the Python
 * reference: {@code java -cp benchmarks.jar dev.replay4j.bench.SampleInfo [SAMPLE_DIR]}.
 */
public final class SampleInfo {
    private SampleInfo() {
    }

    public static void main(String[] args) {
        Path dir = args.length > 0 ? Path.of(args[0]) : Sample.directory();
        Sample sample = Sample.load(dir);
        System.out.println("{\"requests\": " + sample.requests.size() + ", \"bytes\": " + sample.bytes + "}");
    }
}

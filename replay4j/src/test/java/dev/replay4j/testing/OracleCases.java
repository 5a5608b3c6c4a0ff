// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The cases that {@code src/test/oracle/cpython_cases.py} wrote from CPython (and the spec's reference, reckey.py):
 * a tab-separated resource under {@code oracle/}, one case a line, fields escaped with {@code \\uXXXX} and
 * {@code \\\\}; a first line starting with {@code #} says what the columns hold.
 */
public final class OracleCases {
    private OracleCases() {
    }

    /** Every case of the resource, each as the arguments of one invocation. */
    public static Stream<Arguments> of(String resource) {
        List<Arguments> cases = new ArrayList<>();
        for (String line : lines(resource)) {
            if (!line.startsWith("#") && !line.isEmpty()) {
                cases.add(Arguments.of(Arrays.stream(line.split("\t", -1)).map(OracleCases::unescape).toArray()));
            }
        }
        if (cases.isEmpty()) {
            throw new IllegalStateException("no cases in " + resource);
        }
        return cases.stream();
    }

    private static List<String> lines(String resource) {
        try (InputStream in = OracleCases.class.getResourceAsStream("/oracle/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource oracle/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\') {
                out.append(c);
            } else if (field.charAt(i + 1) == '\\') {
                out.append('\\');
                i++;
            } else if (field.charAt(i + 1) == 'u') {
                out.append((char) Integer.parseInt(field.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                throw new IllegalArgumentException("bad escape at " + i + " in " + field);
            }
        }
        return out.toString();
    }
}

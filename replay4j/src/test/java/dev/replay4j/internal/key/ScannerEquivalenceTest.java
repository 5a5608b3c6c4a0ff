// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.key;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.PythonFloats;
import dev.replay4j.internal.json.PythonJson;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written scanners of {@link BodyNormalizer} replace two regexes that were slow (they try a match
 * at every position); the regexes, with Python's {@code \d} and {@code \s}, stay here as the oracle.
 */
class ScannerEquivalenceTest {
    private static final String SPACE = "[\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]";
    private static final Pattern ATTRIBUTES = Pattern.compile(",?" + SPACE + "*attributes:" + SPACE + "*\\{[^}]*\\}");
    private static final Pattern LONG_DECIMAL = Pattern.compile("-?\\p{Nd}+\\.\\p{Nd}{4,}");

    /** Pieces that make the tricky cases likely: digits of three scripts, signs, dots, spaces, braces. */
    private static final String[] PIECES = {"1", "23", "4567", "0", "-", ".", ",", " ", "\u00a0", "\u001c", "\t", "{", "}",
            "attributes:", "x", "\u0663", "\ud835\udfd1", "e", "--", "..", "9.99999", "a b"};

    @Test
    void the_scanners_find_exactly_what_the_regexes_find() {
        Random random = new Random(20261125);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder s = new StringBuilder();
            int pieces = 1 + random.nextInt(12);
            for (int i = 0; i < pieces; i++) {
                s.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String input = s.toString();
            assertThat(BodyNormalizer.removeAttributes(input)).as("attributes in %s", input)
                    .isEqualTo(ATTRIBUTES.matcher(input).replaceAll(""));
            assertThat(BodyNormalizer.replaceLongDecimals(input)).as("decimals in %s", input)
                    .isEqualTo(regexDecimals(input));
        }
    }

    @Test
    void normalisation_never_changes_the_callers_tree_even_where_it_shares_unchanged_parts() throws Exception {
        var body = Json.parse("[{\"extra_body\": {\"project_id\": 1, \"k\": [0.123456789]}, \"same\": {\"a\": [1, \"x\"]}},"
                + " {\"stream_options\": {}, \"extra_query\": {\"project_id\": 2}}]");
        String before = PythonJson.canonical(body);
        var normalized = BodyNormalizer.normalize(body, true);
        assertThat(PythonJson.canonical(body)).isEqualTo(before);
        assertThat(PythonJson.canonical(normalized)).isEqualTo("[{\"extra_body\": {\"k\": [0.12346]}, \"same\": {\"a\": [1, \"x\"]}},"
                + " {\"extra_query\": {}, \"stream_options\": {}}]");
        var untouched = Json.parse("{\"a\": [1, \"b\", 0.5], \"c\": {\"d\": true}}");
        assertThat(BodyNormalizer.normalize(untouched, false)).isSameAs(untouched);
    }

    private static String regexDecimals(String s) {
        Matcher m = LONG_DECIMAL.matcher(s);
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (m.find()) {
            StringBuilder ascii = new StringBuilder();
            m.group().codePoints().forEach(cp -> ascii.append(cp == '-' || cp == '.' ? (char) cp : (char) ('0' + Character.digit(cp, 10))));
            out.append(s, from, m.start()).append(PythonFloats.format5(Double.parseDouble(ascii.toString())));
            from = m.end();
        }
        return out.append(s, from, s.length()).toString();
    }
}

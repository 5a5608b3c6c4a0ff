// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResponseHeadTest {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    @Test
    void the_date_header_is_the_imf_fixdate_of_rfc_9110() {
        assertThat(ResponseHead.imfFixdate(784111777L)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT"); // RFC 9110's own example
        assertThat(ResponseHead.imfFixdate(0)).isEqualTo("Thu, 01 Jan 1970 00:00:00 GMT");
    }

    @Test
    void every_second_of_any_day_is_written_as_the_jdk_formats_it() {
        long[] edges = {
            LocalDateTime.of(2024, 2, 29, 23, 59, 59).toEpochSecond(ZoneOffset.UTC), // a leap day
            LocalDateTime.of(2100, 3, 1, 0, 0, 0).toEpochSecond(ZoneOffset.UTC), // 2100 is no leap year
            LocalDateTime.of(1999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC),
            LocalDateTime.of(1969, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC), // before the epoch
        };
        for (long second : edges) {
            assertThat(ResponseHead.imfFixdate(second)).isEqualTo(IMF_FIXDATE.format(Instant.ofEpochSecond(second)));
        }
        SplittableRandom random = new SplittableRandom(17);
        long from = LocalDateTime.of(1000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        long to = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);
        for (int i = 0; i < 100_000; i++) {
            long second = random.nextLong(from, to + 1);
            assertThat(ResponseHead.imfFixdate(second)).as("at %d", second).isEqualTo(IMF_FIXDATE.format(Instant.ofEpochSecond(second)));
        }
    }
}

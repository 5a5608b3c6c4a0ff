// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.junit5.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.replay4j.ReplayProxy;
import dev.replay4j.junit5.Replay4jTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Pins the public API of the two published library jars: a change to a public signature of an exported
 * package fails here until its listing under {@code api/} is updated on purpose, so that it is seen in review.
 * To update: {@code mvn -B verify -Dreplay4j.api.update=true} (or the same with {@code -pl replay4j-junit5 -am}).
 */
class PublicApiTest {
    private static final boolean UPDATE = Boolean.getBoolean("replay4j.api.update");

    @Test
    void the_library_exports_what_its_listing_says_and_no_more_than_ten_types() throws IOException {
        ApiListing listing = ApiListing.of(ReplayProxy.class);
        check(listing, "replay4j/api/replay4j.api");
        assertThat(listing.typeCount()).as("public types of %s", listing.moduleName()).isLessThanOrEqualTo(10);
    }

    @Test
    void the_junit_extension_exports_what_its_listing_says_and_no_more_than_eight_types() throws IOException {
        ApiListing listing = ApiListing.of(Replay4jTest.class);
        check(listing, "replay4j-junit5/api/replay4j-junit5.api");
        assertThat(listing.typeCount()).as("public types of %s", listing.moduleName()).isLessThanOrEqualTo(8);
    }

    private static void check(ApiListing listing, String file) throws IOException {
        Path committed = projectRoot().resolve(file);
        String actual = listing.text();
        if (UPDATE) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.isRegularFile(committed)) {
            fail("no API listing at " + committed + "; write it with mvn -B verify -Dreplay4j.api.update=true");
        }
        String expected = Files.readString(committed, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            fail("the public API of " + listing.moduleName() + " differs from " + file + ". If the change is on purpose, update"
                    + " the listing with mvn -B verify -Dreplay4j.api.update=true and commit it.\n" + ApiListing.diff(expected, actual));
        }
    }

    /** Surefire sets basedir to the module's folder, a child of the project root (this module's, or the compat one's). */
    private static Path projectRoot() {
        String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
        return Path.of(basedir).toAbsolutePath().getParent();
    }
}

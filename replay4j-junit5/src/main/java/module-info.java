// SPDX-License-Identifier: Apache-2.0
/**
 * replay4j's JUnit Jupiter extension: {@link dev.replay4j.junit5.Replay4jTest @Replay4jTest} and what it injects.
 * Open to JUnit, which makes the extension by reflection.
 */
module dev.replay4j.junit {
    requires transitive dev.replay4j;
    requires transitive org.junit.jupiter.api;

    exports dev.replay4j.junit5;

    opens dev.replay4j.junit5 to org.junit.platform.commons;
}

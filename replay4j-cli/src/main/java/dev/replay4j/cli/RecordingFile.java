// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import java.nio.file.Path;

/**
 * A {@code *.json} file found under the folder verified.
 *
 * @param relative the path relative to that folder, with {@code /} separators
 * @param problem  why it could not even be listed (an unreadable folder), or {@code null}
 */
record RecordingFile(String relative, Path path, String problem) {
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.store;

import dev.replay4j.internal.key.RequestKey;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A recording file that a lookup found, and the key under which it was found.
 *
 * @param attributes the file's attributes as the lookup read them (before anything read its content), or {@code null}
 */
public record Match(Path file, RequestKey key, BasicFileAttributes attributes) {
    public Match(Path file, RequestKey key) {
        this(file, key, null);
    }
}

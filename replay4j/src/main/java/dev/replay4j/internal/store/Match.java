// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.store;

import dev.replay4j.internal.key.RequestKey;
import java.nio.file.Path;

/** A recording file that a lookup found, and the key under which it was found. */
public record Match(Path file, RequestKey key) {
}

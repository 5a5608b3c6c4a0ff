// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.verify;

/**
 * The verdict on one file.
 *
 * @param file    the path relative to the folder verified, with {@code /} separators
 * @param key     the version-2 key of the stored request, or {@code null} where there is none
 * @param message why a file is broken or mismatched, or {@code null}
 */
public record FileReport(String file, FileKind kind, Verdict verdict, String key, String message) {
}

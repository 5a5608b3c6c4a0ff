// SPDX-License-Identifier: Apache-2.0
package dev.replay4j;

import java.util.Locale;

/**
 * An API that replay4j knows: it picks the upstream a request goes to ({@code --upstream FAMILY=URL}), the
 * shape of replay4j's own error answers, and the stream format.
 */
public enum ApiFamily {
    ANTHROPIC,
    OPENAI,
    OLLAMA,
    /** Google's Gemini API: AI Studio's {@code generativelanguage} paths and Vertex AI's publisher-model paths. */
    GEMINI,
    /** AWS Bedrock's runtime API: {@code /model/{id}/converse}, {@code converse-stream}, {@code invoke}, ... */
    BEDROCK,
    /** A path no family claims: it goes to the upstream given without a family. */
    OTHER;

    /** The family of a name as {@link #cliName()} gives it ({@code openai}, {@code ollama}, {@code anthropic},
     * {@code gemini}, {@code bedrock}). */
    public static ApiFamily fromName(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        for (ApiFamily f : values()) {
            if (f != OTHER && f.name().equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown API family '" + name + "': use openai, ollama, anthropic, gemini or bedrock");
    }

    /** The name on the command line and in configuration, such as {@code openai}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

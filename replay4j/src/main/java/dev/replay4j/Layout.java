// SPDX-License-Identifier: Apache-2.0
package dev.replay4j;

import java.util.Locale;

/**
 * Where the recordings of a test live under the recordings root.
 * <ul>
 *   <li>{@link #JAVA}: test id {@code com.acme.ChatTest::answers[1]} -> {@code com/acme/ChatTest/};
 *       recordings made outside any test in {@code _shared/}.</li>
 *   <li>{@link #LLAMA_STACK}: pytest node id {@code tests/x/test_chat.py::test_a[p]} ->
 *       {@code tests/x/recordings/}; fallback {@code tests/integration/common/recordings/}.</li>
 * </ul>
 */
public enum Layout {
    JAVA("java", "_shared"),
    LLAMA_STACK("llama-stack", "tests/integration/common/recordings");

    private final String cliName;
    private final String fallbackFolder;

    Layout(String cliName, String fallbackFolder) {
        this.cliName = cliName;
        this.fallbackFolder = fallbackFolder;
    }

    /** The shared fallback folder, relative to the root, with {@code /} separators. */
    public String fallbackFolder() {
        return fallbackFolder;
    }

    /** The name on the command line and in configuration: {@code java} or {@code llama-stack}. */
    public String cliName() {
        return cliName;
    }

    /** The layout of a name as {@link #cliName()} gives it, or as the constant is spelled. */
    public static Layout fromName(String name) {
        for (Layout layout : values()) {
            if (layout.cliName.equals(name.toLowerCase(Locale.ROOT)) || layout.name().equalsIgnoreCase(name)) {
                return layout;
            }
        }
        throw new IllegalArgumentException("unknown layout '" + name + "': use java or llama-stack");
    }

    @Override
    public String toString() {
        return cliName;
    }
}

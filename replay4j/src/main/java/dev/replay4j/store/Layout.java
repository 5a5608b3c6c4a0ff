package dev.replay4j.store;

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
    JAVA("java", "_shared") {
        @Override
        String relativeFolder(String testId) {
            String className = testId.split("::", 2)[0];
            return className.replace('.', '/');
        }
    },
    LLAMA_STACK("llama-stack", "tests/integration/common/recordings") {
        @Override
        String relativeFolder(String testId) {
            String file = testId.split("::", 2)[0];
            int slash = file.lastIndexOf('/');
            return slash < 0 ? "recordings" : file.substring(0, slash) + "/recordings";
        }
    };

    private final String cliName;
    private final String fallback;

    Layout(String cliName, String fallback) {
        this.cliName = cliName;
        this.fallback = fallback;
    }

    /** The folder of a test, relative to the root, with {@code /} separators; not yet checked. */
    abstract String relativeFolder(String testId);

    /** The shared fallback folder, relative to the root. */
    public String fallbackFolder() {
        return fallback;
    }

    /** The name on the command line and in configuration: {@code java} or {@code llama-stack}. */
    public String cliName() {
        return cliName;
    }

    /** True where model lists and a few other calls were recorded as {@code POST} whatever the wire said. */
    boolean getAlsoTriesPost() {
        return this == LLAMA_STACK;
    }

    /**
     * The upstream base paths a lookup tries when no upstream is configured. The llama-stack sample was
     * recorded by clients whose base URL ended in {@code /v1}, so its keys hash the doubled path.
     */
    String[] implicitBasePaths() {
        return this == LLAMA_STACK ? new String[] {"/v1", ""} : new String[] {""};
    }

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

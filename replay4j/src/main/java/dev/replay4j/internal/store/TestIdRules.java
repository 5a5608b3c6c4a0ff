// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.store;

import dev.replay4j.Layout;
import java.text.Normalizer;
import java.util.Locale;

/**
 * What a test id may hold. A test id is {@code <folder part>} or {@code <folder part>::<name>}:
 * <ul>
 *   <li>the folder part names folders, so it is names separated by {@code .} (the {@code java} layout: a binary
 *       class name such as {@code com.acme.Outer$Inner}) or by {@code /} (the {@code llama-stack} layout: a file
 *       path such as {@code tests/integration/test_chat.py}); each name is made of letters and digits of any
 *       script, currency signs such as {@code $}, and {@code _ - + @} (and {@code .} inside a llama-stack file
 *       name), and is neither empty nor
 *       {@code .} or {@code ..};</li>
 *   <li>the name after {@code ::} may hold any character but control and format characters, line and paragraph
 *       separators and lone surrogates.</li>
 * </ul>
 * Ids are compared in Unicode normalisation form C: a composed and a decomposed {@code é} are one test.
 */
final class TestIdRules {
    private TestIdRules() {
    }

    /**
     * The id in form C.
     *
     * @throws InvalidTestIdException naming the character or the part that is refused
     */
    static String checked(Layout layout, String testId) {
        String id = Normalizer.isNormalized(testId, Normalizer.Form.NFC) ? testId : Normalizer.normalize(testId, Normalizer.Form.NFC);
        for (int i = 0; i < id.length(); ) {
            int cp = id.codePointAt(i);
            String category = refusedCategory(cp);
            if (category != null) {
                throw new InvalidTestIdException(String.format(Locale.ROOT,
                        "test id refused: it holds the %s U+%04X at index %d: %s", category, cp, i, printable(id)));
            }
            i += Character.charCount(cp);
        }
        int sep = id.indexOf("::");
        String folderPart = sep < 0 ? id : id.substring(0, sep);
        char separator = layout == Layout.LLAMA_STACK ? '/' : '.';
        for (String name : folderPart.split(separator == '.' ? "\\." : "/", -1)) {
            String problem = problem(name, layout);
            if (problem != null) {
                throw new InvalidTestIdException("test id refused: the part before '::' names its folder (" + layout
                        + " layout: names separated by '" + separator + "'), and " + problem + ": " + printable(id));
            }
        }
        return id;
    }

    private static String problem(String name, Layout layout) {
        if (name.isEmpty()) {
            return "one of its names is empty";
        }
        if (name.equals("..")) {
            return "'..' would lead outside the recordings root";
        }
        if (name.equals(".")) {
            return "'.' names no folder of its own";
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            // What a Java class name may hold (letters, digits, _, currency signs such as $), and - + @.
            boolean allowed = Character.isJavaIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp)
                    || cp == '-' || cp == '+' || cp == '@' || cp == '.' && layout == Layout.LLAMA_STACK;
            if (!allowed) {
                return String.format(Locale.ROOT, "'%s' holds U+%04X, which is not a letter, a digit, a currency sign or"
                        + " one of _ - + @", name, cp);
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    private static String refusedCategory(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL:
                return "control character";
            case Character.FORMAT:
                return "format character";
            case Character.LINE_SEPARATOR:
                return "line separator";
            case Character.PARAGRAPH_SEPARATOR:
                return "paragraph separator";
            case Character.SURROGATE:
                return "lone surrogate";
            default:
                return null;
        }
    }

    /** The id with everything invisible shown as an escape, for messages. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (refusedCategory(cp) != null) {
                out.append(String.format(Locale.ROOT, "\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import dev.replay4j.Layout;
import dev.replay4j.Mode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads a plain {@code serve} command line without picocli: known options, each once (the repeatable ones
 * any number of times) with a value that converts. picocli loads and reflects on some 180 classes, about
 * 100 ms of the 300 a cold JVM takes to its first answer, and those classes are too old (class-file version
 * 49) for a class-data-sharing archive to hold. Anything else (help, an unknown or repeated option, a value
 * that is missing, looks like an option or an {@code @file} argument, or does not convert) returns
 * {@code null}, and picocli reads the line with its own checks and messages. {@code ServeArgumentsTest}
 * holds both readings to the same result.
 */
final class ServeArguments {
    private static final Set<String> REPEATABLE = Set.of("--upstream", "--redact-header", "--redact-field", "--fault");

    private ServeArguments() {
    }

    /** @param args the whole command line, {@code serve} first; {@code null} when picocli must read it */
    static ServeCommand parse(String... args) {
        if (args.length == 0 || !args[0].equals("serve")) {
            return null;
        }
        ServeCommand command = new ServeCommand();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            String value;
            int equals = name.indexOf('=');
            if (name.startsWith("--") && equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")
                    || !seen.add(name) && !REPEATABLE.contains(name) || !set(command, name, value)) {
                return null;
            }
        }
        return command.dir != null ? command : null;
    }

    private static boolean set(ServeCommand c, String name, String value) {
        try {
            switch (name) {
                case "--dir":
                    c.dir = Path.of(value);
                    return true;
                case "--mode":
                    c.mode = Mode.fromName(value);
                    return true;
                case "--upstream":
                    return c.upstreams.add(value);
                case "--layout":
                    c.layout = Layout.fromName(value);
                    return true;
                case "--port":
                    c.port = Integer.parseInt(digits(value));
                    return true;
                case "--bind":
                    c.bind = value;
                    return true;
                case "--redact-header":
                    return c.redactHeaders.add(value);
                case "--redact-field":
                    return c.redactFields.add(value);
                case "--max-body-bytes":
                    c.maxBodyBytes = Long.parseLong(digits(value));
                    return true;
                case "--upstream-timeout":
                    c.upstreamTimeoutSeconds = Long.parseLong(digits(value));
                    return true;
                case "--record-timing":
                    if (!value.equals("true") && !value.equals("false")) {
                        return false;
                    }
                    c.recordTiming = Boolean.parseBoolean(value);
                    return true;
                case "--replay-speed":
                    if (!value.matches("[0-9]+(\\.[0-9]+)?")) {
                        return false;
                    }
                    c.replaySpeed = Double.parseDouble(value);
                    return true;
                case "--stream-profile":
                    c.streamProfile = value;
                    return true;
                case "--fault":
                    return c.faults.add(value);
                case "--usage":
                    c.usageReport = Path.of(value);
                    return true;
                default:
                    return false;
            }
        } catch (IllegalArgumentException e) { // NumberFormatException and InvalidPathException included
            return false;
        }
    }

    /** Plain decimal digits only: any other spelling of a number is left to picocli's converter. */
    private static String digits(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                throw new NumberFormatException(value);
            }
        }
        return value;
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The plain reading of serve's command line against picocli's, which stays the reference. */
class ServeArgumentsTest {
    /** A valid value for every option of serve; a new option must be added here, and to ServeArguments. */
    private static final Map<String, String> SAMPLES = Map.ofEntries(Map.entry("--dir", "recs"),
            Map.entry("--mode", "record-if-missing"), Map.entry("--upstream", "openai=http://127.0.0.1:11434/v1?a=1,2"),
            Map.entry("--layout", "llama-stack"), Map.entry("--port", "8080"), Map.entry("--bind", "0.0.0.0"),
            Map.entry("--redact-header", "X-Org"), Map.entry("--redact-field", "user"), Map.entry("--max-body-bytes", "1024"),
            Map.entry("--upstream-timeout", "30"), Map.entry("--usage", "target/usage.json"),
            Map.entry("--fault", "status=429,retry-after=1,times=1"), Map.entry("--record-timing", "true"),
            Map.entry("--replay-speed", "0.5"), Map.entry("--stream-profile", "ttft=300,rate=40"));

    private static CommandLine commandLine() {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        return Main.commandLine(new StandardStreams(InputStream.nullInputStream(), nowhere, nowhere, false), "serve");
    }

    private static ServeCommand picocli(String... args) {
        return (ServeCommand) commandLine().parseArgs(args).subcommand().commandSpec().userObject();
    }

    private static List<Object> settings(ServeCommand c) {
        return Arrays.asList(c.dir, c.mode, c.upstreams, c.layout, c.port, c.bind, c.redactHeaders, c.redactFields,
                c.maxBodyBytes, c.upstreamTimeoutSeconds, c.usageReport, c.faults, c.recordTiming,
                c.replaySpeed, c.streamProfile);
    }

    @Test
    void every_option_of_serve_is_read_without_picocli_as_picocli_reads_it() {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : commandLine().getSubcommands().get("serve").getCommandSpec().options()) {
            if (!option.inherited() && !option.usageHelp() && !option.versionHelp()) { // those are left to picocli
                names.add(option.longestName());
            }
        }
        assertThat(new TreeSet<>(names)).isEqualTo(new TreeSet<>(SAMPLES.keySet()));
        for (String name : names) {
            String[] spaced = name.equals("--dir") ? new String[] {"serve", name, SAMPLES.get(name)}
                    : new String[] {"serve", "--dir", "d", name, SAMPLES.get(name)};
            String[] joined = name.equals("--dir") ? new String[] {"serve", name + "=" + SAMPLES.get(name)}
                    : new String[] {"serve", "--dir=d", name + "=" + SAMPLES.get(name)};
            for (String[] args : List.of(spaced, joined)) {
                ServeCommand plain = ServeArguments.parse(args);
                assertThat(plain).as(String.join(" ", args)).isNotNull();
                assertThat(settings(plain)).as(String.join(" ", args)).isEqualTo(settings(picocli(args)));
            }
        }
    }

    @Test
    void defaults_and_repeated_options_match_picocli() {
        String[][] lines = {
            {"serve", "--dir", "recs"},
            {"serve", "--upstream", "http://a", "--dir", "recs", "--upstream", "ollama=http://b", "--redact-field", "a",
                "--redact-field", "b", "--redact-header", "X-A", "--redact-header", "X-B", "--fault", "reset", "--fault", "delay=5"},
            {"serve", "--dir", "recs", "--mode", "RECORD", "--layout", "LLAMA_STACK", "--port", "0"},
        };
        for (String[] args : lines) {
            assertThat(settings(ServeArguments.parse(args))).as(String.join(" ", args)).isEqualTo(settings(picocli(args)));
        }
    }

    /** Lines picocli must read: it prints help or its own error; the plain reading never guesses. */
    @ParameterizedTest
    @ValueSource(strings = {
        "serve", "serve --help", "serve -h", "serve --version", "serve --dir", "serve --dir d --port",
        "serve --dir d --bogus x", "serve --dir d extra positional", "serve --dir d --mode playback", "serve --dir d --layout x",
        "serve --dir d --port 8x", "serve --dir d --port -1", "serve --dir d --port 0x10", "serve --dir d --port 99999999999",
        "serve --dir d --port 1 --port 2", "serve --dir d --dir e", "serve --dir d --max-body-bytes 1k", "serve --dir=",
        "serve --dir -d", "serve --dir d --", "serve --dir d --stacktrace", "serve --dir d -p 1", "serve --dir=d --upstream=",
        "serve --dir @args", "serve --dir d --redact-field @fields", "serve --dir @@d", "serve @args", "serve --dir=d --usage=@u"
    })
    void anything_else_is_left_to_picocli(String line) {
        assertThat(ServeArguments.parse(line.split(" "))).isNull();
    }

    /** Flags that both readings accept, but serve refuses: each ends with the same message and status either way. */
    @ParameterizedTest
    @ValueSource(strings = {
        "--dir MISSING|no such folder", "--dir DIR --mode record|--mode record calls the upstream, but no --upstream is given",
        "--dir DIR --mode live|--mode live calls the upstream", "--dir DIR --port 70000|--port must be 0..65535",
        "--dir DIR --max-body-bytes 0|--max-body-bytes must be a positive number", "--dir DIR --usage DIR|--usage DIR is a folder",
        "--dir DIR --mode live --upstream grpc=http://x|--upstream grpc=http://x: unknown API family 'grpc'",
    })
    void a_failure_ends_the_same_way_on_both_paths(String lineAndMessage, @TempDir Path tmp) {
        String[] parts = lineAndMessage.replace("MISSING", tmp.resolve("nope").toString()).replace("DIR", tmp.toString()).split("\\|");
        List<String> args = new ArrayList<>(List.of("serve"));
        args.addAll(List.of(parts[0].split(" ")));
        String[] line = args.toArray(String[]::new);
        StringWriter quickErr = new StringWriter();
        StringWriter picocliErr = new StringWriter();
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        int quick = Main.run(new StandardStreams(InputStream.nullInputStream(), nowhere, new PrintWriter(quickErr, true), false), line);
        int picocli = Main.commandLine(new StandardStreams(InputStream.nullInputStream(), nowhere, new PrintWriter(picocliErr, true),
                false), "serve").execute(line);
        assertThat(ServeArguments.parse(line)).as("the first went the quick way").isNotNull();
        assertThat(quick).isEqualTo(picocli).isEqualTo(2);
        assertThat(quickErr.toString()).isEqualTo(picocliErr.toString()).startsWith("replay4j serve: ").contains(parts[1]);
    }

    @Test
    void a_negative_number_goes_to_picocli_and_still_gets_serves_own_message(@TempDir Path tmp) {
        String[] line = {"serve", "--dir", tmp.toString(), "--max-body-bytes", "-5"};
        assertThat(ServeArguments.parse(line)).isNull();
        CliRunner.Result r = CliRunner.run(line);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("replay4j serve: --max-body-bytes must be a positive number of bytes, not -5\n");
    }

    @Test
    void only_serve_is_read() {
        assertThat(ServeArguments.parse("verify", "--dir", "d")).isNull();
        assertThat(ServeArguments.parse()).isNull();
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CommandLineTest {

    @Test
    void no_command_is_a_usage_error_that_shows_the_commands() {
        CliRunner.Result r = CliRunner.run();

        assertThat(r.errLines().get(0)).isEqualTo("Missing a command: demo, serve, verify, key, list, show, stats, prune, ui or help");
        assertThat(r.err()).contains("  verify  ", "  key     ");
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void help_goes_to_standard_output_and_exits_0() {
        CliRunner.Result r = CliRunner.run("key", "--help");

        assertThat(r.outLines().get(0)).startsWith("Usage: replay4j key ");
        assertThat(r.out()).contains("--batch", "A blank line is an error");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void an_unknown_command_is_a_usage_error() {
        CliRunner.Result r = CliRunner.run("serve-all");

        assertThat(r.errLines().get(0)).isEqualTo("Unmatched argument at index 0: 'serve-all'");
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void a_failure_prints_its_message_alone_with_its_exit_code() {
        StringWriter err = new StringWriter();

        int exitCode = failing(CliFailure.usage("replay4j test: no such folder: /x"), err).execute();

        assertThat(err.toString().lines()).containsExactly("replay4j test: no such folder: /x");
        assertThat(exitCode).isEqualTo(2);
    }

    @Test
    void an_internal_error_is_one_line_and_its_stack_trace_only_on_request() {
        StringWriter plain = new StringWriter();
        StringWriter traced = new StringWriter();

        int exitCode = failing(new IllegalStateException("bug"), plain).execute();
        failing(new IllegalStateException("bug"), traced).execute("--stacktrace");

        assertThat(plain.toString().lines()).containsExactly(
                "replay4j: internal error: java.lang.IllegalStateException: bug (run again with --stacktrace to see where)");
        assertThat(exitCode).isEqualTo(1);
        assertThat(traced.toString()).startsWith("replay4j: internal error: java.lang.IllegalStateException: bug"
                + System.lineSeparator() + "java.lang.IllegalStateException: bug").contains("\tat ");
    }

    private static CommandLine failing(RuntimeException e, StringWriter err) {
        CommandLine commandLine = new CommandLine(new Failing(e));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        return commandLine;
    }

    @Command(name = "failing")
    static final class Failing implements Runnable {
        private final RuntimeException failure;

        @Option(names = "--stacktrace")
        boolean stackTrace;

        Failing(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public void run() {
            throw failure;
        }
    }
}

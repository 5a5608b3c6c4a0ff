// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code replay4j ui ...} running in this JVM, as a user starts it: its URL read from its first line. */
final class RunningUi implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/");

    final String firstLine;
    final String url;
    private final Thread thread;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    RunningUi(String... args) throws Exception {
        PipedWriter pipe = new PipedWriter();
        BufferedReader lines = new BufferedReader(new PipedReader(pipe, 65536));
        StandardStreams streams = new StandardStreams(new ByteArrayInputStream(new byte[0]), new PrintWriter(pipe, true),
                new PrintWriter(new StringWriter(), true), false);
        String[] full = new String[args.length + 1];
        full[0] = "ui";
        System.arraycopy(args, 0, full, 1, args.length);
        thread = new Thread(() -> exit.complete(Main.commandLine(streams).execute(full)), "ui-under-test");
        thread.setDaemon(true);
        thread.start();
        firstLine = lines.readLine();
        Matcher m = URL.matcher(firstLine == null ? "" : firstLine);
        if (!m.find()) {
            throw new AssertionError("ui printed no URL first: " + firstLine);
        }
        url = m.group();
    }

    @Override
    public void close() throws Exception {
        thread.interrupt();
        exit.get(10, TimeUnit.SECONDS);
    }
}

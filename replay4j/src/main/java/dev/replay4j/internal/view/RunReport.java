// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.view;

import static dev.replay4j.internal.view.Html.escape;

import dev.replay4j.internal.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report of a test run, {@code replay4j-report.html}: one self-contained file (no script, no server, nothing
 * remote) with, per test class and test, the requests, served / recorded / missed, each miss's explanation with
 * its diff, and each recording's path relative to the recordings root (what {@code /r/<path>} of
 * {@code replay4j ui} opens). Everything from the run is escaped: a recording's text is never markup here.
 */
public final class RunReport {
    /** A run that sends more is reported on its first ones: a report stays a file a browser opens. */
    private static final int MAX_REQUESTS = 100_000;

    private record Seen(Path root, SeenRequest request) {
    }

    private final List<Seen> seen = new ArrayList<>();

    public synchronized void add(Path recordingsRoot, SeenRequest request) {
        if (seen.size() < MAX_REQUESTS) {
            seen.add(new Seen(recordingsRoot, request));
        }
    }

    public void writeTo(Path file) throws IOException {
        AtomicFiles.write(file, html().getBytes(StandardCharsets.UTF_8));
    }

    public synchronized String html() {
        Map<String, Map<String, List<Seen>>> byClass = new TreeMap<>();
        int[] totals = new int[3];
        TreeMap<String, Boolean> roots = new TreeMap<>();
        for (Seen s : seen) {
            String id = s.request().testId();
            int sep = id == null ? -1 : id.indexOf("::");
            String cls = id == null ? "(no test)" : sep < 0 ? id : id.substring(0, sep);
            String test = id == null ? "(requests outside any test)" : sep < 0 ? id : id.substring(sep + 2);
            byClass.computeIfAbsent(cls, k -> new TreeMap<>()).computeIfAbsent(test, k -> new ArrayList<>()).add(s);
            count(totals, s.request().outcome());
            roots.put(s.root().toString(), true);
        }
        StringBuilder out = new StringBuilder(4096);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>replay4j report</title>\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<style>").append(STYLE).append("</style></head><body>\n");
        out.append("<h1>replay4j run report</h1>\n<p class=\"meta\">").append(escape(Instant.now().toString())).append(" · ")
                .append(seen.size()).append(" requests: ").append(totals[0]).append(" served, ").append(totals[1]).append(" recorded, ")
                .append("<span class=\"").append(totals[2] > 0 ? "bad" : "").append("\">").append(totals[2]).append(" missed</span></p>\n");
        out.append("<p class=\"meta\">Recordings root: ").append(escape(String.join(", ", roots.keySet())))
                .append(". Open a recording with <code>replay4j ui ROOT</code>, then <code>/r/&lt;path&gt;</code>.</p>\n");
        byClass.forEach((cls, tests) -> {
            int[] c = new int[3];
            tests.values().forEach(l -> l.forEach(s -> count(c, s.request().outcome())));
            out.append("<section class=\"class\"><h2>").append(escape(cls)).append(" <small>").append(counts(c)).append("</small></h2>\n");
            tests.forEach((test, requests) -> {
                int[] t = new int[3];
                requests.forEach(s -> count(t, s.request().outcome()));
                out.append("<details class=\"test\"").append(t[2] > 0 ? " open" : "").append("><summary>").append(escape(test))
                        .append(" <small>").append(counts(t)).append("</small></summary>\n<table><tr><th>request</th><th>outcome</th>")
                        .append("<th>status</th><th>ms</th><th>recording</th></tr>\n");
                for (Seen s : requests) {
                    SeenRequest r = s.request();
                    out.append("<tr class=\"").append(escape(r.outcome())).append("\"><td><code>").append(escape(r.method())).append(' ')
                            .append(escape(r.path())).append("</code></td><td>").append(escape(r.outcome())).append("</td><td>")
                            .append(r.status()).append("</td><td>").append(r.millis()).append("</td><td><code>")
                            .append(escape(r.file() != null ? r.file() : r.key() != null ? "key " + r.key() : "")).append("</code></td></tr>\n");
                    if (r.explanation() != null) {
                        out.append("<tr><td colspan=\"5\"><pre class=\"miss\">");
                        for (String line : r.explanation().split("\n", -1)) {
                            String trimmed = line.stripLeading();
                            String cssClass = trimmed.startsWith("- ") ? "del" : trimmed.startsWith("+ ") ? "add" : null;
                            out.append(cssClass == null ? "" : "<span class=\"" + cssClass + "\">").append(escape(line))
                                    .append(cssClass == null ? "" : "</span>").append('\n');
                        }
                        out.append("</pre></td></tr>\n");
                    }
                }
                out.append("</table></details>\n");
            });
            out.append("</section>\n");
        });
        if (seen.isEmpty()) {
            out.append("<p>No request reached replay4j in this run.</p>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    private static void count(int[] totals, String outcome) {
        switch (outcome) {
            case "served" -> totals[0]++;
            case "recorded" -> totals[1]++;
            case "missed" -> totals[2]++;
            default -> {
            }
        }
    }

    private static String counts(int[] c) {
        return c[0] + " served · " + c[1] + " recorded · " + c[2] + " missed";
    }

    private static final String STYLE = "body{font:14px/1.45 system-ui,sans-serif;margin:20px;color:#1d2330;max-width:1200px}"
            + "h1{font-size:20px}h2{font-size:16px;margin:18px 0 6px}small{color:#667085;font-weight:normal}.meta{color:#667085}"
            + ".bad{color:#b42318;font-weight:600}details.test{border:1px solid #e3e6ec;border-radius:6px;margin:4px 0;padding:4px 8px}"
            + "summary{cursor:pointer;font-family:ui-monospace,monospace}table{border-collapse:collapse;width:100%;margin:6px 0}"
            + "th,td{text-align:left;padding:3px 6px;border-top:1px solid #e3e6ec;font-size:13px;vertical-align:top}"
            + "tr.missed td{background:#fee4e2}pre.miss{white-space:pre-wrap;margin:0;font-size:12px}.del{background:#fee4e2}"
            + ".add{background:#dcfae6}code{font-size:12px}";
}

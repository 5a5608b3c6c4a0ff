// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.recording.RecordingFormat;
import dev.replay4j.internal.view.Conversation;
import dev.replay4j.internal.view.Conversations;
import dev.replay4j.verify.FileReport;
import dev.replay4j.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recordings under DIR as they are now: each call walks the folder and reads again only the files whose
 * size, time or inode changed, so that a re-recorded file shows on the next reload and a reload of thousands stays fast.
 */
final class RecordingIndex {
    /** A search reads this much of each recording's text: the prompts and the beginning of the answer. */
    static final int MAX_TEXT = 16_384;
    /** Larger files are listed, not read: a page must not stall on one 2 GB file. */
    private static final long MAX_READ = 64L << 20;
    private static final int MAX_TITLE = 160;

    private final Path root;
    private final Map<String, IndexedRecording> byPath = new ConcurrentHashMap<>();

    RecordingIndex(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    Path root() {
        return root;
    }

    /** Every recording, sorted by path. */
    synchronized List<IndexedRecording> all() throws IOException {
        // A link to a file out of DIR is not one of its recordings: the page must not read it.
        List<RecordingFile> files = RecordingFiles.under(root).stream()
                .filter(f -> f.problem() == null && (!Files.isSymbolicLink(f.path()) || resolve(f.relative()) != null)).toList();
        List<IndexedRecording> out = files.parallelStream().map(this::current).toList();
        if (byPath.size() > out.size()) {
            byPath.keySet().retainAll(out.stream().map(IndexedRecording::path).toList());
        }
        return out;
    }

    private IndexedRecording current(RecordingFile f) {
        long size;
        String version;
        try {
            BasicFileAttributes attrs = Files.readAttributes(f.path(), BasicFileAttributes.class);
            size = attrs.size();
            version = size + ":" + attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS) + ":" + attrs.fileKey();
        } catch (IOException e) {
            return broken(f.relative(), "cannot read: " + IoProblems.describe(e), -1, "");
        }
        IndexedRecording known = byPath.get(f.relative());
        if (known != null && known.version().equals(version)) {
            return known;
        }
        IndexedRecording fresh = read(f, size, version);
        byPath.put(f.relative(), fresh);
        return fresh;
    }

    private static IndexedRecording read(RecordingFile f, long size, String version) {
        if (size > MAX_READ) {
            return broken(f.relative(), "too large to show here (" + size + " bytes): use replay4j show", size, version);
        }
        byte[] content;
        try {
            content = Files.readAllBytes(f.path());
        } catch (IOException e) {
            return broken(f.relative(), "cannot read: " + IoProblems.describe(e), size, version);
        }
        FileReport verdict = Verifier.verify(f.relative(), content);
        Recording r;
        try {
            r = RecordingFormat.read(content, f.relative());
        } catch (Exception e) { // a broken or foreign file is listed as what it is
            return new IndexedRecording(f.relative(), folderOf(f.relative()), null, "", "", "", false, false, 0,
                    verdict.verdict().wireName(), verdict.message(), firstLine(e.getMessage()), f.relative().toLowerCase(Locale.ROOT), size, version);
        }
        Conversation c = Conversations.of(r);
        return new IndexedRecording(f.relative(), folderOf(f.relative()), c.testId(), c.method(), c.endpoint(), c.model(),
                c.answer().streamed(), c.answer().kind() == Conversation.Kind.ERROR, c.answer().status(),
                verdict.verdict().wireName(), verdict.message(), title(c), searchText(f.relative(), c), size, version);
    }

    private static IndexedRecording broken(String path, String problem, long size, String version) {
        return new IndexedRecording(path, folderOf(path), null, "", "", "", false, false, 0, "broken", problem, problem,
                path.toLowerCase(Locale.ROOT), size, version);
    }

    private static String folderOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String title(Conversation c) {
        String title = "";
        for (Conversation.Turn t : c.request()) {
            if (!t.role().equals("system") && !t.role().equals("assistant") && !t.role().equals("tool") && !t.text().isBlank()) {
                title = t.text();
            }
        }
        if (title.isBlank()) {
            title = c.method() + " " + c.endpoint();
        }
        return firstLine(title);
    }

    private static String firstLine(String text) {
        String line = text == null ? "" : text.strip();
        int nl = line.indexOf('\n');
        line = nl < 0 ? line : line.substring(0, nl);
        return line.length() > MAX_TITLE ? line.substring(0, MAX_TITLE - 3) + "..." : line;
    }

    private static String searchText(String path, Conversation c) {
        StringBuilder text = new StringBuilder(path).append('\n').append(c.testId()).append('\n').append(c.model()).append('\n');
        for (Conversation.Turn t : c.request()) {
            text.append(t.text()).append('\n');
            t.toolCalls().forEach(call -> text.append(call.name()).append(' ').append(call.arguments()).append('\n'));
            if (text.length() > MAX_TEXT) {
                break;
            }
        }
        Conversation.Answer a = c.answer();
        text.append(a.text()).append('\n');
        a.toolCalls().forEach(call -> text.append(call.name()).append(' ').append(call.arguments()).append('\n'));
        if (a.summary() != null) {
            text.append(a.summary());
        }
        String out = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text.toString();
        return out.toLowerCase(Locale.ROOT);
    }

    /** The file under DIR that a path relative to it names, or {@code null} when it names none or leaves DIR. */
    Path resolve(String relative) {
        if (relative == null || relative.isEmpty() || relative.indexOf('\0') >= 0 || relative.indexOf('\\') >= 0
                || relative.startsWith("/")) {
            return null;
        }
        try {
            Path file = root.resolve(relative).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                return null;
            }
            Path real = file.toRealPath(); // a link that points out of DIR
            return real.startsWith(root) ? file : null;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** Known entries, for lookups by path without a walk. */
    IndexedRecording known(String path) {
        return byPath.get(path);
    }

    static List<String> terms(String query) {
        List<String> out = new ArrayList<>();
        for (String t : query.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}

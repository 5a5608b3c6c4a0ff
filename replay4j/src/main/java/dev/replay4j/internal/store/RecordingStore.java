// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.store;

import dev.replay4j.Layout;
import dev.replay4j.internal.api.Endpoints;
import dev.replay4j.internal.key.KeyVersion;
import dev.replay4j.internal.key.RequestKey;
import dev.replay4j.internal.key.UrlParts;
import dev.replay4j.internal.recording.ModelLists;
import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.recording.RecordingFormat;
import dev.replay4j.internal.recording.RecordingFormatException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings under one root folder: how a request finds its recording, and how a new one is written.
 * Lookups go straight to the file that the key names, so their cost does not grow with the number of
 * recordings. The folder rules are {@link Folders}'; the keys tried, in order, {@link CandidateKeys}'; the
 * symbolic-link guard {@link RootGuard}'s.
 *
 * <p>Lookup order: the test's folder, then the fallback folder; in each, every candidate key, the full file
 * name first, then the legacy 12-digit one.
 */
public final class RecordingStore {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingStore.class);

    private final Path root;
    private final Layout layout;
    private final Folders folders;
    private final RootGuard guard;
    /** Folders already cleared of stale temporary files by this store: once each is enough. */
    private final Set<Path> swept = ConcurrentHashMap.newKeySet();
    private final LaterAnswers laterAnswers = new LaterAnswers();

    public RecordingStore(Path root, Layout layout) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.layout = Objects.requireNonNull(layout, "layout");
        this.folders = new Folders(this.root, layout);
        this.guard = new RootGuard(this.root);
    }

    public Path root() {
        return root;
    }

    public Layout layout() {
        return layout;
    }

    public Path fallbackFolder() {
        return folders.fallbackFolder();
    }

    /** @see Folders#folderFor */
    public Path folderFor(String testId) {
        return folders.folderFor(testId);
    }

    /** @see Folders#normalized */
    public String normalizedTestId(String testId) {
        return folders.normalized(testId);
    }

    /** The folders a lookup searches, in order: the test's own, then the fallback. */
    public List<Path> searchFolders(String testId) {
        return folders.searchFolders(testId);
    }

    /** The upstream URLs (or paths) whose path a lookup hashes, in the order it tries them. */
    public List<String> candidateUrls(String upstreamBase, String clientPath) {
        return CandidateKeys.candidateUrls(layout, upstreamBase, clientPath);
    }

    /** The keys a lookup tries, in order. */
    public List<RequestKey> candidateKeys(Lookup lookup) {
        return new CandidateKeys(layout, lookup).all();
    }

    /** The recording for a request, if there is one. */
    public Optional<Match> find(Lookup lookup) {
        return find(lookup.testId(), new CandidateKeys(layout, lookup), null);
    }

    /**
     * What a lookup found, and the keys it computed on the way, in order: on a miss, every one of {@link #candidateKeys},
     * which the explanation of the miss needs (hashing a large body again would cost as much as the lookup).
     */
    public record Search(Optional<Match> match, List<RequestKey> keys) {
    }

    /** {@link #find(Lookup)}, with the keys it computed. */
    public Search search(Lookup lookup) {
        CandidateKeys keys = new CandidateKeys(layout, lookup);
        Optional<Match> match = find(lookup.testId(), keys, null);
        return new Search(match, keys.computed());
    }

    /**
     * The recording for a request of this test whose {@link #candidateKeys} are already known (computed
     * for an earlier, identical request): the same probes in the same order as {@link #find(Lookup)}.
     */
    public Optional<Match> find(String testId, List<RequestKey> candidateKeys) {
        return find(testId, candidateKeys, null);
    }

    /**
     * {@link #find(String, List)} where {@code likelyFile} is the file the last lookup of these keys found, or {@code null}.
     * The answer is the same whatever it is; only its cost differs: that file is read with one {@code lstat}, not a
     * check that it exists first, and any other file of the search is checked as always, in the same order.
     */
    public Optional<Match> find(String testId, List<RequestKey> candidateKeys, Path likelyFile) {
        return find(testId, new CandidateKeys(candidateKeys), likelyFile);
    }

    private Optional<Match> find(String testId, CandidateKeys keys, Path likelyFile) {
        for (Path folder : searchFolders(testId)) {
            for (int i = 0; keys.has(i); i++) {
                RequestKey key = keys.get(i);
                Path file = folder.resolve(key.hex() + ".json");
                BasicFileAttributes found = candidate(file, file.equals(likelyFile));
                if (found != null) {
                    return Optional.of(new Match(file, key, found));
                }
            }
            for (int i = 0; keys.has(i); i++) {
                RequestKey key = keys.get(i);
                Path legacy = folder.resolve(key.shortHex() + ".json");
                BasicFileAttributes found = candidate(legacy, legacy.equals(likelyFile));
                if (found != null) {
                    return Optional.of(new Match(legacy, key, found));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * True for a file a lookup stops at: a regular file inside the root, or anything else of that name (a FIFO,
     * a folder), which {@link #load} then refuses by name rather than the lookup passing it by in silence.
     */
    private boolean isCandidate(Path file) {
        return candidate(file, false) != null;
    }

    /**
     * The attributes of a file a lookup stops at (see {@link #isCandidate}), or {@code null}. Most candidates are
     * missing (every key version, every answer of a sequence past its end): one {@code Files.exists} answers them,
     * without an exception (on JDK 17 {@code readAttributes} of a missing file costs ten times as much, for its
     * {@code NoSuchFileException}). A file that is there costs one more {@code lstat}, whose attributes are the file's
     * version for the answer cache, and a symbolic link is followed and checked in full. A file {@code likelyThere}
     * skips the {@code Files.exists}: its {@code lstat} alone says whether it is there, at the cost of an exception when
     * it is not.
     */
    private BasicFileAttributes candidate(Path file, boolean likelyThere) {
        try {
            if (!likelyThere && !Files.exists(file)) {
                return null; // missing, or a dangling link
            }
            BasicFileAttributes own = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!own.isSymbolicLink()) {
                // A folder or a FIFO of that name is a candidate (load refuses it by name).
                return !own.isRegularFile() || guard.isInsideRoot(file, false) ? own : null;
            }
            BasicFileAttributes target = Files.readAttributes(file, BasicFileAttributes.class);
            return !target.isRegularFile() || guard.isInsideRoot(file, true) ? target : null;
        } catch (IOException e) {
            return null; // gone between the checks: passed by, as a missing file is
        }
    }

    /** Every model-list recording for a request, in the test's folder and the fallback, to be merged. */
    public List<Match> findModelLists(Lookup lookup) throws IOException {
        List<RequestKey> keys = candidateKeys(lookup);
        List<Match> out = new ArrayList<>();
        for (Path folder : searchFolders(lookup.testId())) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            for (RequestKey key : keys) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ModelLists.filePrefix(key.hex()) + "*.json")) {
                    for (Path file : files) {
                        if (guard.isInsideRoot(file)) {
                            out.add(new Match(file, key));
                        }
                    }
                } catch (NoSuchFileException e) {
                    // the folder went away between the check and the listing: nothing there
                }
            }
        }
        out.sort((a, b) -> a.file().compareTo(b.file()));
        return out;
    }

    /**
     * Where a recording is (or would be) stored: its test's folder, named by its version-2 key. A model
     * list whose key leaves the test id out is shared by all tests, so it goes to the fallback folder.
     */
    public Path pathOf(Recording recording) {
        RequestKey key = keyOf(recording);
        String endpoint = recording.request().endpoint();
        if (!Endpoints.isModelList(endpoint)) {
            return folderFor(recording.testId()).resolve(key.hex() + ".json");
        }
        Path folder = Endpoints.isModelList(UrlParts.of(recording.request().url()).path())
                ? fallbackFolder() : folderFor(recording.testId());
        return folder.resolve(ModelLists.fileName(key.hex(), endpoint, recording.response().body()));
    }

    /** Writes a recording atomically, replacing any earlier one of the same key, and returns its path. */
    public Path save(Recording recording) throws IOException {
        return save(recording, 1);
    }

    /**
     * The file of the nth answer of a sequence whose first answer is {@code first}: {@code first} itself for
     * {@code n <= 1}, else {@code <key>.<n>.json} beside it.
     */
    public static Path sequenceFile(Path first, int n) {
        if (n <= 1) {
            return first;
        }
        String name = first.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return first.resolveSibling(stem + "." + n + ".json");
    }

    /** The answer a replay gives the nth time: the nth of the sequence, or past its end the last one recorded. */
    public Path answerAt(Path first, int n) {
        if (n <= 1) {
            return first;
        }
        Path nth = sequenceFile(first, n);
        if (isCandidate(nth)) {
            return nth;
        }
        // Past the end: the last of the answers 2, 3, ... as recorded, found from the start of the sequence, so that
        // a request sent thousands of times to a long-running proxy costs a few file checks, not one per time.
        // (Not kept between requests: a sequence can have a gap, a place taken by a request whose recording failed,
        // so only the files themselves say which answers there are.)
        Path last = first;
        for (int m = 2; m < n; m++) {
            Path file = sequenceFile(first, m);
            if (!isCandidate(file)) {
                break;
            }
            last = file;
        }
        return last;
    }

    /**
     * Deletes the second and later answers of a sequence (a re-recording starts it again), and says how many. The
     * folder's listing is taken, not probes from 2 up: a sequence can have a gap (a place taken by a request whose
     * recording failed), and an answer past it must not outlive the re-recording. {@link LaterAnswers} keeps that
     * listing, taken again only when the folder's time says that something else changed it.
     */
    public int removeLaterAnswers(Path first) throws IOException {
        return laterAnswers.removeLaterAnswers(first, guard::isInsideRoot);
    }

    /** {@link #save(Recording)} as the nth answer of its sequence ({@link #sequenceFile}). */
    public Path save(Recording recording, int n) throws IOException {
        Path file = sequenceFile(pathOf(recording), n);
        Path folder = file.getParent();
        checkWritable(folder);
        AtomicFiles.createFolders(folder);
        checkWritable(folder); // again: a link could have been made meanwhile
        if (swept.add(folder)) {
            for (Path stale : AtomicFiles.removeStale(folder)) {
                LOG.info("replay4j: removed {}, a temporary file left by a writer that is gone", relativeName(stale));
            }
        }
        AtomicFiles.write(file, out -> RecordingFormat.writeTo(recording, out));
        laterAnswers.written(file); // every write: the folder's time is then this store's own
        return file;
    }

    /** @see RootGuard#checkWritable */
    public void checkWritable(Path folder) throws IOException {
        guard.checkWritable(folder);
    }

    /** Reads a recording; a file that is a link to somewhere outside the root is refused. */
    public Recording load(Path file) throws IOException, RecordingFormatException {
        return RecordingFormat.read(readChecked(file), relativeName(file));
    }

    /**
     * {@link #load}, for replaying: the request's body is read past (see {@link RecordingFormat#readAnswer}), so a
     * recording of a large request costs its file's bytes, not its tree as well.
     */
    public Recording loadAnswer(Path file) throws IOException, RecordingFormatException {
        return RecordingFormat.readAnswer(readChecked(file), relativeName(file));
    }

    /** A recording's request alone, its strings cut to {@code maxStringChars} (see {@link RecordingFormat#readRequest}). */
    public RecordingFormat.RequestPart loadRequest(Path file, int maxStringChars) throws IOException, RecordingFormatException {
        return RecordingFormat.readRequest(readChecked(file), relativeName(file), maxStringChars);
    }

    private byte[] readChecked(Path file) throws IOException, RecordingFormatException {
        if (!guard.isInsideRoot(file)) {
            throw new RecordingFormatException(relativeName(file) + ": a symbolic link to " + file.toRealPath()
                    + ", outside the recordings root; it is ignored");
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class); // one check where exists, isRegularFile took two
        } catch (NoSuchFileException e) {
            attributes = null; // gone since it was found: the read below says so
        }
        if (attributes != null && !attributes.isRegularFile()) {
            // A FIFO would block the reader for ever; a device or a folder is no recording either.
            throw new RecordingFormatException(relativeName(file) + ": not a regular file, so not read as a recording;"
                    + " replace it with the recording, or delete it");
        }
        return Files.readAllBytes(file);
    }

    /** False for a file that resolves (through symbolic links) outside the root. */
    boolean isInsideRoot(Path file) {
        return guard.isInsideRoot(file);
    }

    /** A file's path relative to the root, with {@code /} separators, as messages and reports show it. */
    public String relativeName(Path file) {
        return guard.relativeName(file);
    }

    public static RequestKey keyOf(Recording recording) {
        return RequestKey.compute(recording.request().method(), recording.request().url(),
                recording.request().body(), recording.testId(), KeyVersion.V2);
    }

    @Override
    public String toString() {
        return "RecordingStore[" + root + ", layout " + layout + "]";
    }
}

package dev.replay4j.store;

import dev.replay4j.key.KeyVersion;
import dev.replay4j.key.RequestKey;
import dev.replay4j.key.RequestKeys;
import dev.replay4j.key.UrlParts;
import dev.replay4j.recording.ModelLists;
import dev.replay4j.recording.Recording;
import dev.replay4j.recording.RecordingFormat;
import dev.replay4j.recording.RecordingFormatException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings under one root folder: where a test's recordings live, how a request finds its
 * recording, and how a new one is written. Lookups go straight to the file that the key names, so
 * their cost does not grow with the number of recordings.
 *
 * <p>Lookup order: the test's folder, then the fallback folder; in each, every candidate upstream
 * path (the configured upstream's, or the layout's implicit base paths), the request's method (and
 * {@code POST} for a {@code GET} in the llama-stack layout), key version 2 then 1, the full file name
 * then the legacy 12-digit one.
 */
public final class RecordingStore {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingStore.class);

    private final Path root;
    private final Layout layout;
    /** Folders already cleared of stale temporary files by this store: once each is enough. */
    private final Set<Path> swept = ConcurrentHashMap.newKeySet();
    private volatile Path realRoot;
    private final Map<Path, Boolean> folderVerdicts = new ConcurrentHashMap<>();

    public RecordingStore(Path root, Layout layout) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    public Path root() {
        return root;
    }

    public Layout layout() {
        return layout;
    }

    public Path fallbackFolder() {
        return root.resolve(layout.fallbackFolder());
    }

    /**
     * The folder of a test's recordings, or the fallback folder for {@code null}.
     *
     * @throws InvalidTestIdException when the folder would leave the root or the id holds control characters
     */
    public Path folderFor(String testId) {
        if (testId == null) {
            return fallbackFolder();
        }
        for (int i = 0; i < testId.length(); i++) {
            if (Character.getType(testId.charAt(i)) == Character.CONTROL) {
                throw new InvalidTestIdException(String.format(Locale.ROOT,
                        "test id refused: it holds the control character U+%04X at index %d: %s",
                        (int) testId.charAt(i), i, printable(testId)));
            }
        }
        Path folder;
        try {
            folder = root.resolve(layout.relativeFolder(testId)).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidTestIdException("test id refused: it makes no valid folder name (" + e.getReason() + "): " + testId);
        }
        if (!folder.startsWith(root)) {
            throw new InvalidTestIdException("test id refused: its recordings folder " + folder
                    + " would be outside the recordings root " + root + ": " + testId);
        }
        return folder;
    }

    /** The folders a lookup searches, in order: the test's own, then the fallback. */
    public List<Path> searchFolders(String testId) {
        Set<Path> folders = new LinkedHashSet<>();
        folders.add(folderFor(testId));
        folders.add(fallbackFolder());
        return List.copyOf(folders);
    }

    /** The upstream URLs (or paths) whose path a lookup hashes, in the order it tries them. */
    public List<String> candidateUrls(String upstreamBase, String clientPath) {
        if (upstreamBase != null) {
            return List.of(join(upstreamBase, clientPath));
        }
        List<String> urls = new ArrayList<>(2);
        for (String base : layout.implicitBasePaths()) {
            urls.add(base + clientPath);
        }
        return urls;
    }

    /** The keys a lookup tries, in order. */
    public List<RequestKey> candidateKeys(Lookup lookup) {
        CandidateKeys keys = new CandidateKeys(lookup);
        for (int i = 0; keys.has(i); i++) {
            // computes them all
        }
        return keys.computed;
    }

    /**
     * The candidate keys of a lookup, in {@link #candidateKeys} order, each computed only when a probe
     * asks for it: a lookup that finds its file under the first key never hashes the others.
     */
    private final class CandidateKeys {
        private final RequestKeys keys;
        private final String testId;
        private final List<String[]> specs = new ArrayList<>(4); // {method, url} per candidate, versions inside
        private final KeyVersion[] versions = KeyVersion.lookupOrder();
        private int next;
        final List<RequestKey> computed = new ArrayList<>(4);

        CandidateKeys(String testId, List<RequestKey> known) {
            keys = null;
            this.testId = testId;
            computed.addAll(known);
        }

        CandidateKeys(Lookup lookup) {
            keys = RequestKeys.of(lookup.body());
            testId = lookup.testId();
            List<String> methods = new ArrayList<>(2);
            String method = lookup.method().toUpperCase(Locale.ROOT);
            methods.add(method);
            if (method.equals("GET") && layout.getAlsoTriesPost()) {
                methods.add("POST");
            }
            for (String url : candidateUrls(lookup.upstreamBase(), lookup.path())) {
                for (String m : methods) {
                    specs.add(new String[] {m, url});
                }
            }
        }

        /** True when there is an {@code i}-th distinct candidate key, computing keys up to it. */
        boolean has(int i) {
            while (computed.size() <= i && next < specs.size() * versions.length) {
                String[] spec = specs.get(next / versions.length);
                RequestKey key = keys.key(spec[0], spec[1], testId, versions[next % versions.length]);
                next++;
                if (!computed.contains(key)) {
                    computed.add(key);
                }
            }
            return computed.size() > i;
        }
    }

    /** The recording for a request, if there is one. */
    public Optional<Match> find(Lookup lookup) {
        return find(lookup.testId(), new CandidateKeys(lookup));
    }

    /**
     * The recording for a request of this test whose {@link #candidateKeys} are already known (computed
     * for an earlier, identical request): the same probes in the same order as {@link #find(Lookup)}.
     */
    public Optional<Match> find(String testId, List<RequestKey> candidateKeys) {
        return find(testId, new CandidateKeys(testId, candidateKeys));
    }

    private Optional<Match> find(String testId, CandidateKeys keys) {
        for (Path folder : searchFolders(testId)) {
            for (int i = 0; keys.has(i); i++) {
                RequestKey key = keys.computed.get(i);
                Path file = folder.resolve(key.hex() + ".json");
                if (Files.isRegularFile(file) && isInsideRoot(file)) {
                    return Optional.of(new Match(file, key));
                }
            }
            for (int i = 0; keys.has(i); i++) {
                RequestKey key = keys.computed.get(i);
                Path legacy = folder.resolve(key.shortHex() + ".json");
                if (Files.isRegularFile(legacy) && isInsideRoot(legacy)) {
                    return Optional.of(new Match(legacy, key));
                }
            }
        }
        return Optional.empty();
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
                        if (isInsideRoot(file)) {
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
        if (!RequestKey.isModelListPath(endpoint)) {
            return folderFor(recording.testId()).resolve(key.hex() + ".json");
        }
        Path folder = RequestKey.isModelListPath(UrlParts.of(recording.request().url()).path())
                ? fallbackFolder() : folderFor(recording.testId());
        return folder.resolve(ModelLists.fileName(key.hex(), endpoint, recording.response().body()));
    }

    /** Writes a recording atomically, replacing any earlier one of the same key, and returns its path. */
    public Path save(Recording recording) throws IOException {
        Path file = pathOf(recording);
        Path folder = file.getParent();
        checkWritable(folder);
        Files.createDirectories(folder);
        checkWritable(folder); // again: a link could have been made meanwhile
        if (swept.add(folder)) {
            for (Path stale : AtomicFiles.removeStale(folder)) {
                LOG.info("replay4j: removed {}, a temporary file left by a writer that is gone", relativeName(stale));
            }
        }
        AtomicFiles.write(file, RecordingFormat.write(recording));
        return file;
    }

    /**
     * Throws when writing into {@code folder} would write outside the root, through a symbolic link on its
     * way: checked on the deepest part of it that exists, before anything is created.
     */
    public void checkWritable(Path folder) throws IOException {
        Files.createDirectories(root);
        Path existing = folder.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.toRealPath().startsWith(realRoot())) {
            throw new IOException("refusing to write into " + relativeName(folder) + ": it leads, through a symbolic link, to "
                    + (existing == null ? "nowhere" : existing.toRealPath()) + ", outside the recordings root " + root);
        }
    }

    /** Reads a recording; a file that is a link to somewhere outside the root is refused. */
    public Recording load(Path file) throws IOException, RecordingFormatException {
        if (!isInsideRoot(file)) {
            throw new RecordingFormatException(relativeName(file) + ": a symbolic link to " + file.toRealPath()
                    + ", outside the recordings root; it is ignored");
        }
        return RecordingFormat.read(Files.readAllBytes(file), relativeName(file));
    }

    /**
     * False for a file that resolves (through symbolic links) outside the root: a recordings folder is
     * committed to git, and a link in it must not make the proxy serve or reveal other files.
     */
    boolean isInsideRoot(Path file) {
        try {
            // The folder's verdict is kept (there are few folders, and this runs on every replayed request);
            // the file itself costs one lstat unless it is a link, which is then resolved in full.
            Path folder = file.getParent();
            Boolean folderInside = folderVerdicts.get(folder);
            if (folderInside == null) {
                folderInside = folder.toRealPath().startsWith(realRoot());
                folderVerdicts.put(folder, folderInside);
            }
            if (folderInside && !Files.isSymbolicLink(file) || file.toRealPath().startsWith(realRoot())) {
                return true;
            }
            LOG.warn("replay4j: ignoring {}: it is a symbolic link to {}, outside the recordings root {}",
                    relativeName(file), file.toRealPath(), root);
        } catch (IOException e) {
            LOG.warn("replay4j: ignoring {}: {}", relativeName(file), e.toString());
        }
        return false;
    }

    private Path realRoot() throws IOException {
        Path r = realRoot;
        if (r == null) {
            r = root.toRealPath();
            realRoot = r;
        }
        return r;
    }

    /** A file's path relative to the root, with {@code /} separators, as messages and reports show it. */
    public String relativeName(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return (abs.startsWith(root) ? root.relativize(abs) : abs).toString().replace('\\', '/');
    }

    public static RequestKey keyOf(Recording recording) {
        return RequestKey.compute(recording.request().method(), recording.request().url(),
                recording.request().body(), recording.testId(), KeyVersion.V2);
    }

    static String join(String base, String path) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return b + (path.startsWith("/") ? path : "/" + path);
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (Character.getType(cp) == Character.CONTROL) {
                out.append(String.format(Locale.ROOT, "\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    @Override
    public String toString() {
        return "RecordingStore[" + root + ", layout " + layout + "]";
    }
}

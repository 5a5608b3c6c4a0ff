// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import dev.replay4j.internal.api.Endpoints;
import dev.replay4j.internal.recording.RecordingFormat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a miss needs to find the nearest recording without reading every file again: per folder, each recording's
 * method, endpoint and a sketch of its request body's leaves (the {@link #SKETCH} smallest hashes of its
 * {@code path: value} lines, at most about 700 bytes a recording). Built by the first miss that searches a folder
 * (each file read once), kept while the folder's modification time says nothing was added, renamed or removed;
 * after a change, only the new names are read.
 *
 * <p>The choice is made on the sketches; the explanation is then made from the chosen file, read again, so that
 * its lines are exact. Sketches of bodies with no more than {@link #SKETCH} leaves are the whole set of hashes and
 * give the exact Jaccard similarity of {@link MissReport}'s lines (up to a 32-bit hash collision); larger bodies
 * are compared by a bottom-k estimate.
 */
final class MissIndex {
    /** Hashes kept per recording: 128 ints, 528 bytes. */
    static final int SKETCH = 128;
    /** A folder with more recordings is indexed on its first ones (in listing order). */
    static final int MAX_FILES_INDEXED = 10_000;
    /** A folder changed less than this before it was listed is listed again next time (coarse file times). */
    private static final long SETTLE_MILLIS = 2_000;

    /** What {@code read} gives for a file the loader passed over for now. */
    private static final Entry NOT_NOW = new Entry("", "", "", null, false, new int[0], true);

    private final Map<Path, FolderIndex> folders = new ConcurrentHashMap<>();
    /** One copy of each method, endpoint and test id string, shared by the entries. */
    private final Map<String, String> strings = new ConcurrentHashMap<>();

    /** One recording as the search sees it. */
    record Entry(String name, String method, String endpoint, String testId, boolean modelList, int[] sketch, boolean complete) {
    }

    /** The request's side of the comparison. */
    record Wanted(String method, String endpoint, int[] sketch, boolean complete) {
        static Wanted of(String method, String endpoint, Collection<String> leaves) {
            int[] s = hashes(leaves);
            return new Wanted(method, endpoint, Arrays.copyOf(s, Math.min(SKETCH, s.length)), s.length <= SKETCH);
        }
    }

    /** The nearest recording found and the folder it is in. */
    record Found(Path file, Entry entry) {
    }

    /**
     * The nearest recording for the request in these folders (searched in order): recordings of the same method and
     * endpoint first; only when there are none, any other, but never a model list for a request that is not one.
     * Within a tier, the most similar body; ties go to the earlier folder, then the smaller file name.
     */
    Found nearest(Wanted wanted, List<Path> searched, MissReport.Loader loader) {
        boolean wantsModelList = Endpoints.isModelList(wanted.endpoint());
        // The entries hold one copy of each method (upper case) and endpoint: the same ones are the same strings.
        String method = shared(wanted.method().toUpperCase(Locale.ROOT));
        String endpoint = shared(wanted.endpoint());
        Found best = null;
        int bestTier = 0;
        double bestScore = -1;
        for (Path folder : searched) {
            FolderIndex index = folders.computeIfAbsent(folder, FolderIndex::new);
            Entry folderBest = null;
            int folderTier = 0;
            double folderScore = -1;
            for (Entry e : index.entries(loader, this)) {
                int tier;
                if (e.method() == method && e.endpoint() == endpoint) {
                    tier = 2;
                } else if (e.modelList() && !wantsModelList) {
                    continue;
                } else {
                    tier = 1;
                }
                if (tier < folderTier || (tier == folderTier && bound(wanted.sketch(), wanted.complete(), e) < folderScore)) {
                    continue; // cannot beat the best so far: not compared
                }
                double score = similarity(wanted.sketch(), wanted.complete(), e.sketch(), e.complete());
                if (tier > folderTier || score > folderScore
                        || (score == folderScore && e.name().compareTo(folderBest.name()) < 0)) {
                    folderBest = e;
                    folderTier = tier;
                    folderScore = score;
                }
            }
            if (folderBest != null && (folderTier > bestTier || (folderTier == bestTier && folderScore > bestScore))) {
                best = new Found(folder.resolve(folderBest.name()), folderBest);
                bestTier = folderTier;
                bestScore = folderScore;
            }
        }
        return best;
    }

    /** The most the similarity can be, from the sizes alone: a set of n lines shares at most n with another. */
    private static double bound(int[] wanted, boolean complete, Entry e) {
        if (!complete || !e.complete()) {
            return 1;
        }
        int a = wanted.length;
        int b = e.sketch().length;
        return a == 0 && b == 0 ? 1 : (double) Math.min(a, b) / Math.max(a, b);
    }

    /** Forgets one file, read again on the next change of its folder (it went away, or could not be read now). */
    void forget(Path file) {
        FolderIndex index = folders.get(file.getParent());
        if (index != null) {
            index.forget(file.getFileName().toString());
        }
    }

    /** The number of recordings indexed in all folders: for the memory benchmark and the tests. */
    int size() {
        return folders.values().stream().mapToInt(FolderIndex::size).sum();
    }

    private String shared(String s) {
        return s == null ? null : strings.computeIfAbsent(s, k -> k);
    }

    /** The recordings of one folder, refreshed when the folder has changed. */
    private static final class FolderIndex {
        private final Path folder;
        private Map<String, Entry> entries = new LinkedHashMap<>();
        /** {@code entries}' values, as the searches get them: made once per listing, not once per miss. */
        private List<Entry> snapshot = List.of();
        private FileTime listedAt;
        private boolean trusted;

        FolderIndex(Path folder) {
            this.folder = folder;
        }

        synchronized int size() {
            return entries.size();
        }

        synchronized void forget(String name) {
            entries.remove(name);
            snapshot = List.copyOf(entries.values());
            trusted = false;
        }

        synchronized List<Entry> entries(MissReport.Loader loader, MissIndex owner) {
            FileTime now;
            try {
                now = Files.getLastModifiedTime(folder);
            } catch (IOException e) {
                entries = new LinkedHashMap<>();
                snapshot = List.of();
                trusted = false;
                listedAt = null;
                return snapshot; // no folder, no recordings
            }
            if (trusted && now.equals(listedAt)) {
                return snapshot;
            }
            long listing = System.currentTimeMillis();
            Map<String, Entry> fresh = new LinkedHashMap<>();
            boolean passedOver = false;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
                for (Path file : files) {
                    if (fresh.size() >= MAX_FILES_INDEXED) {
                        break;
                    }
                    String name = file.getFileName().toString();
                    Entry e = entries.get(name);
                    if (e == null) {
                        e = read(file, name, loader, owner);
                    }
                    if (e == NOT_NOW) {
                        passedOver = true; // no memory for it now: listed again, and tried again, by the next miss
                    } else if (e != null) {
                        fresh.put(name, e);
                    }
                }
            } catch (NoSuchFileException e) {
                fresh.clear();
            } catch (IOException e) {
                return snapshot; // an unreadable folder: what was known of it
            }
            entries = fresh;
            snapshot = List.copyOf(fresh.values());
            listedAt = now;
            // A change within the file system's time granularity of the listing could leave the same time: trust
            // the time only once it is old enough that a later change must show as a different one.
            trusted = !passedOver && listing - now.toMillis() > SETTLE_MILLIS;
            return snapshot;
        }

        private static Entry read(Path file, String name, MissReport.Loader loader, MissIndex owner) {
            RecordingFormat.RequestPart r;
            try {
                r = loader.load(file);
            } catch (Exception e) {
                return null; // a broken file is reported when it is asked for, not here; read again after a change
            }
            if (r == null) {
                return NOT_NOW;
            }
            int[] s = hashes(MissReport.leaves(r.body()));
            String endpoint = r.endpoint();
            return new Entry(name, owner.shared(r.method().toUpperCase(Locale.ROOT)), owner.shared(endpoint), owner.shared(r.testId()),
                    Endpoints.isModelList(endpoint), Arrays.copyOf(s, Math.min(SKETCH, s.length)), s.length <= SKETCH);
        }
    }

    /** The sorted distinct hashes of the lines, all of them (the caller keeps the first {@link #SKETCH}). */
    static int[] hashes(Collection<String> leaves) {
        int[] h = new int[leaves.size()];
        int i = 0;
        for (String s : leaves) {
            h[i++] = mix(s.hashCode());
        }
        Arrays.sort(h);
        int n = 0;
        for (int j = 0; j < h.length; j++) {
            if (n == 0 || h[j] != h[n - 1]) {
                h[n++] = h[j];
            }
        }
        return Arrays.copyOf(h, n);
    }

    /** Spreads {@link String#hashCode} over the ints, so that the smallest hashes are a fair sample of the lines. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /**
     * Jaccard similarity of two sketches: exact when both hold every hash of their body; otherwise the bottom-k
     * estimate (of the {@link #SKETCH} smallest hashes of the union, the share found in both).
     */
    static double similarity(int[] a, boolean aComplete, int[] b, boolean bComplete) {
        if (a.length == 0 && b.length == 0) {
            return 1;
        }
        boolean exact = aComplete && bComplete;
        // A truncated sketch knows nothing above its largest hash: the union is counted up to there.
        long limit = Long.MAX_VALUE;
        if (!aComplete && a.length > 0) {
            limit = a[a.length - 1];
        }
        if (!bComplete && b.length > 0) {
            limit = Math.min(limit, b[b.length - 1]);
        }
        int i = 0;
        int j = 0;
        int union = 0;
        int common = 0;
        while (i < a.length || j < b.length) {
            long next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
            if (!exact && (next > limit || union >= SKETCH)) {
                break;
            }
            boolean inA = i < a.length && a[i] == next;
            boolean inB = j < b.length && b[j] == next;
            common += inA && inB ? 1 : 0;
            i += inA ? 1 : 0;
            j += inB ? 1 : 0;
            union++;
        }
        return union == 0 ? 0 : (double) common / union;
    }
}

package io.releasekit.git.internal;

import io.releasekit.core.version.SemVer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Finds the commit that set a VERSION file to a value.
 *
 * <p>One walk lists the history reachable from the start in topological order (children before parents). Then each
 * commit's tree is read once, only down to the VERSION entry (sub-trees on the way are looked up once per distinct
 * id) — on every core, since commits are independent; git's own {@code log -- VERSION} reads two trees per commit on
 * one. Finally each distinct VERSION blob is read once and compared. A commit qualifies when its VERSION is the value
 * and none of its parents' is; the last qualifying commit in topological order is the oldest. Every commit reachable
 * from the start is examined, merges on every side included — unlike {@code git log -- VERSION}, whose history
 * simplification may skip a side branch.
 */
public final class VersionHistory {

    /** Larger blobs are not version strings; they are never read whole. */
    private static final long MAX_VERSION_BYTES = 1024;

    /** Below this many commits, splitting the tree lookups across threads costs more than it saves. */
    private static final int PARALLEL_THRESHOLD = 4096;

    private final ObjectReader reader;
    private final String path;
    private final Map<ObjectId, Boolean> blobMatches = new HashMap<>();

    /**
     * @param reader reads the repository's objects
     * @param path the VERSION file's path, '/'-separated
     */
    public VersionHistory(ObjectReader reader, String path) {
        this.reader = reader;
        this.path = path;
    }

    /**
     * What the search found.
     *
     * @param commit the oldest commit that set the value, if any
     * @param examined how many commits were examined
     */
    public record Found(Optional<RevCommit> commit, long examined) {}

    /** The oldest commit reachable from {@code start} that set the VERSION file to {@code version}. */
    public Found find(AnyObjectId start, SemVer version) throws IOException {
        String wanted = version.toString();
        try (RevWalk walk = new VersionWalk(reader)) {
            walk.setRetainBody(false);
            walk.sort(RevSort.TOPO);
            walk.markStart(walk.parseCommit(start));
            List<VersionedCommit> commits = new ArrayList<>();
            for (RevCommit c : walk) {
                commits.add((VersionedCommit) c);
            }
            resolveVersionBlobs(commits);
            RevCommit oldest = null;
            for (VersionedCommit c : commits) {
                if (matches(c.versionBlob, wanted) && noParentMatches(c, wanted)) {
                    oldest = c;
                }
            }
            return new Found(Optional.ofNullable(oldest), commits.size());
        }
    }

    /** The VERSION blob id in a tree, or {@code null} when the file is not there. */
    public ObjectId blobIn(AnyObjectId rootTree) throws IOException {
        return new PathLookup(reader, path).blobIn(rootTree);
    }

    private void resolveVersionBlobs(List<VersionedCommit> commits) {
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), 8);
        if (threads < 2 || commits.size() < PARALLEL_THRESHOLD) {
            resolve(commits, reader, 0, commits.size());
            return;
        }
        int chunk = (commits.size() + threads - 1) / threads; // contiguous: neighbouring trees share delta bases
        IntStream.range(0, threads).parallel().forEach(t -> {
            try (ObjectReader own = reader.newReader()) {
                resolve(commits, own, t * chunk, Math.min(commits.size(), (t + 1) * chunk));
            }
        });
    }

    private void resolve(List<VersionedCommit> commits, ObjectReader r, int from, int to) {
        PathLookup lookup = new PathLookup(r, path);
        try {
            for (int i = from; i < to; i++) {
                VersionedCommit c = commits.get(i);
                c.versionBlob = lookup.blobIn(c.getTree());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean noParentMatches(RevCommit c, String wanted) throws IOException {
        for (RevCommit p : c.getParents()) {
            if (matches(((VersionedCommit) p).versionBlob, wanted)) {
                return false;
            }
        }
        return true;
    }

    private boolean matches(ObjectId blob, String wanted) throws IOException {
        if (blob == null) {
            return false;
        }
        Boolean known = blobMatches.get(blob);
        if (known == null) {
            known = wanted.equals(read(blob));
            blobMatches.put(blob, known);
        }
        return known;
    }

    private String read(ObjectId blob) throws IOException {
        ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
        if (loader.getSize() > MAX_VERSION_BYTES) {
            return "";
        }
        return new String(loader.getCachedBytes(), StandardCharsets.UTF_8)
                .strip()
                .replace("\uFEFF", "");
    }

    /** Finds the VERSION entry in trees; one per thread (it caches sub-tree lookups and reuses a parser). */
    private static final class PathLookup {
        private final ObjectReader reader;
        private final byte[][] parts;
        private final Map<ObjectId, Optional<ObjectId>> subtreeLookups = new HashMap<>();
        private final CanonicalTreeParser parser = new CanonicalTreeParser();

        PathLookup(ObjectReader reader, String path) {
            this.reader = reader;
            String[] names = path.split("/");
            this.parts = new byte[names.length][];
            for (int i = 0; i < names.length; i++) {
                parts[i] = names[i].getBytes(StandardCharsets.UTF_8);
            }
        }

        ObjectId blobIn(AnyObjectId rootTree) throws IOException {
            ObjectId tree = rootTree.copy();
            for (int depth = 0; depth < parts.length; depth++) {
                boolean last = depth == parts.length - 1;
                ObjectId child = depth == 0 ? entry(tree, parts[0], last) : cachedEntry(tree, depth, last);
                if (child == null) {
                    return null;
                }
                tree = child;
            }
            return tree;
        }

        private ObjectId cachedEntry(ObjectId tree, int depth, boolean last) throws IOException {
            Optional<ObjectId> known = subtreeLookups.get(tree);
            if (known == null) {
                known = Optional.ofNullable(entry(tree, parts[depth], last));
                subtreeLookups.put(tree, known);
            }
            return known.orElse(null);
        }

        private ObjectId entry(ObjectId tree, byte[] name, boolean wantFile) throws IOException {
            parser.reset(reader, tree);
            for (; !parser.eof(); parser.next()) {
                int offset = parser.getNameOffset();
                if (parser.getNameLength() == name.length
                        && Arrays.equals(
                                parser.getEntryPathBuffer(), offset, offset + name.length, name, 0, name.length)) {
                    int mode = parser.getEntryRawMode();
                    boolean isTree = FileMode.TREE.equals(mode);
                    boolean isFile = FileMode.REGULAR_FILE.equals(mode) || FileMode.EXECUTABLE_FILE.equals(mode);
                    return (wantFile ? isFile : isTree) ? parser.getEntryObjectId() : null;
                }
            }
            return null;
        }
    }

    /** A commit that carries its VERSION blob id. */
    private static final class VersionedCommit extends RevCommit {
        volatile ObjectId versionBlob;

        VersionedCommit(AnyObjectId id) {
            super(id);
        }
    }

    private static final class VersionWalk extends RevWalk {
        VersionWalk(ObjectReader reader) {
            super(reader);
        }

        @Override
        protected RevCommit createCommit(AnyObjectId id) {
            return new VersionedCommit(id);
        }
    }
}

package io.releasekit.git.internal;

import io.releasekit.core.version.SemVer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Finds the commit that set a VERSION file to a value.
 *
 * <p>One walk lists the history reachable from the start, streaming in commit-date order. While it walks, other
 * threads read each listed commit's tree, only down to the VERSION entry (sub-trees on the way are looked up once per
 * distinct id) — commits are independent, so on a multi-core machine the tree reads overlap the walk; git's own {@code
 * log -- VERSION} reads two trees per commit on one core. Then each distinct VERSION blob is read once and compared. A
 * commit qualifies when its VERSION is the value and none of its parents' is; the last qualifying commit in
 * topological order (children before parents, the order of JGit's {@code RevSort.TOPO}, computed in memory from the
 * walked commits) is the oldest. Every commit reachable from the start is examined, merges on every side included —
 * unlike {@code git log -- VERSION}, whose history simplification may skip a side branch.
 */
public final class VersionHistory {

    /** Larger blobs are not version strings; they are never read whole. */
    private static final long MAX_VERSION_BYTES = 1024;

    /** Below this many commits, handing tree lookups to other threads costs more than it saves. */
    private static final int PARALLEL_THRESHOLD = 4096;

    /** Commits per tree-lookup task: contiguous, since neighbouring trees share delta bases. */
    private static final int BATCH = 1024;

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
        try (RevWalk walk = new VersionWalk(reader);
                TreeLookups lookups = new TreeLookups()) {
            walk.setRetainBody(false);
            walk.markStart(walk.parseCommit(start));
            List<VersionedCommit> commits = new ArrayList<>();
            for (RevCommit c : walk) {
                commits.add((VersionedCommit) c);
                lookups.listed(commits);
            }
            lookups.finish(commits);
            VersionedCommit oldest = null;
            for (VersionedCommit c : topologicalOrder(commits)) {
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

    /**
     * The walked commits (commit-date order) in topological order, exactly as JGit's {@code TopoSortGenerator} orders
     * its date-ordered input: a commit is delayed until all its children are out, then comes next.
     */
    private static List<VersionedCommit> topologicalOrder(List<VersionedCommit> byDate) {
        for (VersionedCommit c : byDate) {
            for (RevCommit p : c.getParents()) {
                ((VersionedCommit) p).children++;
            }
        }
        List<VersionedCommit> out = new ArrayList<>(byDate.size());
        ArrayDeque<VersionedCommit> pending = new ArrayDeque<>(byDate);
        while (!pending.isEmpty()) {
            VersionedCommit c = pending.pollFirst();
            if (c.children > 0) {
                c.delayed = true;
                continue;
            }
            for (RevCommit p : c.getParents()) {
                VersionedCommit vp = (VersionedCommit) p;
                if (--vp.children == 0 && vp.delayed) {
                    vp.delayed = false;
                    pending.addFirst(vp);
                }
            }
            out.add(c);
        }
        return out;
    }

    /**
     * Reads the VERSION entry of listed commits' trees: on other threads, in batches, while the walk goes on, once the
     * history is long enough to pay for them; otherwise on the walking thread at the end.
     */
    private final class TreeLookups implements AutoCloseable {
        private final int threads = Math.min(Runtime.getRuntime().availableProcessors(), 8) - 1;
        private final List<Future<?>> tasks = new ArrayList<>();
        private ExecutorService pool;
        private int handedOut;

        /** Called after each listed commit: hands out a full batch once the history passed the threshold. */
        void listed(List<VersionedCommit> commits) {
            if (threads < 1 || commits.size() < PARALLEL_THRESHOLD || commits.size() - handedOut < BATCH) {
                return;
            }
            if (pool == null) {
                pool = Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "releasekit-version-history");
                    t.setDaemon(true);
                    return t;
                });
            }
            // a copy: the walk keeps appending to the list while the task reads its batch
            List<VersionedCommit> batch = List.copyOf(commits.subList(handedOut, commits.size()));
            handedOut = commits.size();
            tasks.add(pool.submit(() -> {
                try (ObjectReader own = reader.newReader()) {
                    resolve(batch, own);
                }
                return null;
            }));
        }

        /** Resolves what was not handed out, here, then waits for the tasks. */
        void finish(List<VersionedCommit> commits) throws IOException {
            resolve(commits.subList(handedOut, commits.size()), reader);
            for (Future<?> task : tasks) {
                try {
                    task.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading trees");
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UncheckedIOException u) {
                        throw u.getCause();
                    }
                    throw new IOException(e.getCause());
                }
            }
        }

        private void resolve(List<VersionedCommit> batch, ObjectReader r) {
            PathLookup lookup = new PathLookup(r, path);
            try {
                for (VersionedCommit c : batch) {
                    c.versionBlob = lookup.blobIn(c.getTree());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.shutdownNow();
            }
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
        /** Set by a tree-lookup task; read after {@link Future#get()}, which orders the two. */
        ObjectId versionBlob;

        /** Children not yet placed in the topological order. */
        int children;

        /** Met before all its children were placed. */
        boolean delayed;

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

package io.releasekit.git.internal;

import io.releasekit.core.version.SemVer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
 * Finds the commit that set a VERSION file to a value in one walk of history.
 *
 * <p>Each commit's tree is read once, only down to the VERSION entry (sub-trees on the way are looked up once per
 * distinct tree id); the blob is compared only when its id differs from what was already seen, so each distinct
 * VERSION content is read once. A commit qualifies when its VERSION is the value and none of its parents' is. The walk
 * is topological (children before parents), so the last qualifying commit is the oldest; every commit reachable from
 * the start is examined, merges on every side included — unlike {@code git log -- VERSION}, whose history
 * simplification may skip a side branch.
 */
public final class VersionHistory {

    /** Larger blobs are not version strings; they are never read whole. */
    private static final long MAX_VERSION_BYTES = 1024;

    private final ObjectReader reader;
    private final byte[][] path;
    private final Map<ObjectId, Optional<ObjectId>> subtreeLookups = new HashMap<>();
    private final Map<ObjectId, Boolean> blobMatches = new HashMap<>();
    private final CanonicalTreeParser parser = new CanonicalTreeParser();

    /**
     * @param reader reads the repository's objects
     * @param path the VERSION file's path, '/'-separated
     */
    public VersionHistory(ObjectReader reader, String path) {
        this.reader = reader;
        String[] parts = path.split("/");
        this.path = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            this.path[i] = parts[i].getBytes(StandardCharsets.UTF_8);
        }
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
            RevCommit oldest = null;
            long examined = 0;
            for (RevCommit c : walk) {
                examined++;
                if (matches(blobOf((VersionedCommit) c), wanted) && noParentMatches(walk, c, wanted)) {
                    oldest = c;
                }
            }
            return new Found(Optional.ofNullable(oldest), examined);
        }
    }

    /** The VERSION blob id in a tree, or {@code null} when the file is not there. */
    public ObjectId blobIn(AnyObjectId rootTree) throws IOException {
        ObjectId tree = rootTree.copy();
        for (int depth = 0; depth < path.length; depth++) {
            boolean last = depth == path.length - 1;
            ObjectId child = depth == 0 ? entry(tree, path[0], last) : cachedEntry(tree, depth, last);
            if (child == null) {
                return null;
            }
            tree = child;
        }
        return tree;
    }

    private boolean noParentMatches(RevWalk walk, RevCommit c, String wanted) throws IOException {
        for (RevCommit p : c.getParents()) {
            walk.parseHeaders(p);
            if (matches(blobOf((VersionedCommit) p), wanted)) {
                return false;
            }
        }
        return true;
    }

    private ObjectId blobOf(VersionedCommit c) throws IOException {
        if (!c.resolved) {
            c.versionBlob = blobIn(c.getTree());
            c.resolved = true;
        }
        return c.versionBlob;
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

    private ObjectId cachedEntry(ObjectId tree, int depth, boolean last) throws IOException {
        Optional<ObjectId> known = subtreeLookups.get(tree);
        if (known == null) {
            known = Optional.ofNullable(entry(tree, path[depth], last));
            subtreeLookups.put(tree, known);
        }
        return known.orElse(null);
    }

    private ObjectId entry(ObjectId tree, byte[] name, boolean wantFile) throws IOException {
        parser.reset(reader, tree);
        for (; !parser.eof(); parser.next()) {
            int offset = parser.getNameOffset();
            if (parser.getNameLength() == name.length
                    && java.util.Arrays.equals(
                            parser.getEntryPathBuffer(), offset, offset + name.length, name, 0, name.length)) {
                int mode = parser.getEntryRawMode();
                boolean isTree = FileMode.TREE.equals(mode);
                boolean isFile = FileMode.REGULAR_FILE.equals(mode) || FileMode.EXECUTABLE_FILE.equals(mode);
                return (wantFile ? isFile : isTree) ? parser.getEntryObjectId() : null;
            }
        }
        return null;
    }

    /** A commit that remembers its VERSION blob, so each tree is read once. */
    private static final class VersionedCommit extends RevCommit {
        ObjectId versionBlob;
        boolean resolved;

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

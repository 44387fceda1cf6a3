package io.releasekit.git.internal;

import io.releasekit.core.InvalidInputException;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Reads a file from a tree, and makes a new tree with one file changed, without an index or a working tree. */
public final class TreeFiles {

    /** Files releasekit reads are small text files; larger ones are refused rather than loaded. */
    public static final int MAX_READ_BYTES = 1024 * 1024;

    private TreeFiles() {}

    /** A file's bytes in a tree, or empty when there is no file at that path. */
    public static Optional<byte[]> read(ObjectReader reader, RevTree tree, String path) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
            if (walk == null || !isFile(walk.getFileMode(0))) {
                return Optional.empty();
            }
            ObjectLoader loader = reader.open(walk.getObjectId(0), Constants.OBJ_BLOB);
            if (loader.getSize() > MAX_READ_BYTES) {
                throw new InvalidInputException("file '" + path + "' is " + loader.getSize() + " bytes; at most "
                        + MAX_READ_BYTES + " are read");
            }
            return Optional.of(loader.getCachedBytes());
        }
    }

    /**
     * A tree equal to {@code tree} but with {@code content} at {@code path} (a new file is a regular file; an
     * existing one keeps its mode).
     *
     * @throws InvalidInputException when the path or one of its parents is not a file where it must be one
     */
    public static ObjectId withFile(
            ObjectInserter inserter, ObjectReader reader, RevTree tree, String path, byte[] content)
            throws IOException {
        FileMode mode = checkPath(reader, tree, path);
        ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content);
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, tree);
        builder.finish();
        DirCacheEditor editor = index.editor();
        editor.add(new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry entry) {
                entry.setFileMode(mode);
                entry.setObjectId(blob);
            }
        });
        editor.finish();
        return index.writeTree(inserter);
    }

    private static FileMode checkPath(ObjectReader reader, RevTree tree, String path) throws IOException {
        int slash = path.indexOf('/');
        while (slash > 0) {
            String parent = path.substring(0, slash);
            try (TreeWalk walk = TreeWalk.forPath(reader, parent, tree)) {
                if (walk != null && walk.getFileMode(0) != FileMode.TREE) {
                    throw new InvalidInputException("cannot write '" + path + "': '" + parent + "' is a file");
                }
            }
            slash = path.indexOf('/', slash + 1);
        }
        try (TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
            if (walk == null) {
                return FileMode.REGULAR_FILE;
            }
            FileMode mode = walk.getFileMode(0);
            if (!isFile(mode)) {
                throw new InvalidInputException("cannot write '" + path + "': it is not a regular file");
            }
            return mode;
        }
    }

    private static boolean isFile(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }
}

package io.releasekit.git.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PackParser;

/**
 * An object inserter that keeps new objects in memory, with readers that see them on top of the repository. Merges,
 * picks and commits are computed against it; only when the whole operation succeeded, and it is not a dry run, are
 * the objects {@link #writeTo(Repository) written} and refs moved. A conflict or a dry run leaves the object database
 * exactly as it was.
 */
public final class StagedObjects extends ObjectInserter {

    /** Staged objects are small (trees, commits, merged text files); this bounds the memory one operation may use. */
    private static final long MAX_BYTES = 256L * 1024 * 1024;

    private final Repository repository;
    private final Map<ObjectId, Staged> objects = new LinkedHashMap<>();
    private long bytes;

    private record Staged(int type, byte[] data) {}

    /**
     * @param repository the repository the staged objects sit on top of
     */
    public StagedObjects(Repository repository) {
        this.repository = repository;
    }

    @Override
    public ObjectId insert(int type, byte[] data, int off, int len) throws IOException {
        byte[] copy = java.util.Arrays.copyOfRange(data, off, off + len);
        ObjectId id = idFor(type, copy);
        if (!objects.containsKey(id)) {
            bytes += len;
            if (bytes > MAX_BYTES) {
                throw new IOException("operation stages more than " + MAX_BYTES + " bytes of new objects");
            }
            objects.put(id, new Staged(type, copy));
        }
        return id;
    }

    @Override
    public ObjectId insert(int type, long length, InputStream in) throws IOException {
        if (length > MAX_BYTES) {
            throw new IOException("object of " + length + " bytes is too large to stage");
        }
        byte[] data = in.readNBytes((int) length);
        if (data.length != length) {
            throw new IOException("object stream ended after " + data.length + " of " + length + " bytes");
        }
        return insert(type, data, 0, data.length);
    }

    @Override
    public PackParser newPackParser(InputStream in) {
        throw new UnsupportedOperationException("staged objects do not take packs");
    }

    @Override
    public ObjectReader newReader() {
        return new StagedReader(repository.newObjectReader());
    }

    /** Staging keeps objects in memory until {@link #writeTo}; there is nothing to flush. */
    @Override
    public void flush() {}

    @Override
    public void close() {}

    /** How many objects are staged. */
    public int size() {
        return objects.size();
    }

    /** Writes every staged object into the repository and flushes; the staging area is then empty. */
    public void writeTo(Repository target) throws IOException {
        try (ObjectInserter inserter = target.newObjectInserter()) {
            for (Map.Entry<ObjectId, Staged> e : objects.entrySet()) {
                inserter.insert(e.getValue().type(), e.getValue().data());
            }
            inserter.flush();
        }
        objects.clear();
        bytes = 0;
    }

    /** Reads staged objects first, then the repository's. */
    private final class StagedReader extends ObjectReader {
        private final ObjectReader base;

        StagedReader(ObjectReader base) {
            this.base = base;
        }

        @Override
        public ObjectReader newReader() {
            return new StagedReader(base.newReader());
        }

        @Override
        public Collection<ObjectId> resolve(AbbreviatedObjectId id) throws IOException {
            List<ObjectId> found = new ArrayList<>(base.resolve(id));
            for (ObjectId staged : objects.keySet()) {
                if (id.prefixCompare(staged) == 0 && !found.contains(staged)) {
                    found.add(staged);
                }
            }
            return found;
        }

        @Override
        public boolean has(AnyObjectId id) throws IOException {
            return objects.containsKey(id) || base.has(id);
        }

        @Override
        public ObjectLoader open(AnyObjectId id, int typeHint)
                throws MissingObjectException, IncorrectObjectTypeException, IOException {
            Staged staged = objects.get(id);
            if (staged == null) {
                return base.open(id, typeHint);
            }
            if (typeHint != OBJ_ANY && typeHint != staged.type()) {
                throw new IncorrectObjectTypeException(id.copy(), typeHint);
            }
            return new ObjectLoader.SmallObject(staged.type(), staged.data());
        }

        @Override
        public Set<ObjectId> getShallowCommits() throws IOException {
            return base.getShallowCommits();
        }

        @Override
        public ObjectInserter getCreatedFromInserter() {
            return StagedObjects.this;
        }

        @Override
        public void close() {
            base.close();
        }
    }
}

package io.releasekit.core.protect.internal;

import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ContentReader;
import io.releasekit.core.artifact.ContentSource;
import io.releasekit.core.artifact.ListingPage;
import io.releasekit.core.artifact.ObjectInfo;
import io.releasekit.core.artifact.StagedKeys;
import io.releasekit.core.protect.PlannedWrite;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A store whose writes pass the {@link Gate} first: each put or server-side copy is the write {@code store <name>:
 * <key>}, {@code write}. Reads go straight through.
 */
public final class ProtectedArtifactStore implements ArtifactStore {

    private final String name;
    private final ArtifactStore delegate;
    private final Gate gate;

    /** Protects {@code delegate}, configured as {@code name}. */
    public ProtectedArtifactStore(String name, ArtifactStore delegate, Gate gate) {
        this.name = name;
        this.delegate = delegate;
        this.gate = gate;
    }

    /** The configured name. */
    public String name() {
        return name;
    }

    /** The store without protection (for a server-side copy's source check). */
    public ArtifactStore delegate() {
        return delegate;
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public Optional<String> service() {
        return delegate.service();
    }

    @Override
    public List<String> services() {
        return delegate.services();
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        return delegate.list(prefix);
    }

    @Override
    public ListingPage listPage(String prefix, Optional<String> token) {
        return delegate.listPage(prefix, token);
    }

    @Override
    public ListingPage listPageAfter(String prefix, String startAfter) {
        return delegate.listPageAfter(prefix, startAfter);
    }

    @Override
    public Optional<ObjectInfo> stat(ArtifactKey key) {
        return delegate.stat(key);
    }

    @Override
    public InputStream open(ArtifactKey key) {
        return delegate.open(key);
    }

    @Override
    public ObjectInfo put(ArtifactKey key, InputStream content, long size, String sha256) {
        List<PlannedWrite> w = List.of(write(key));
        gate.allow(w);
        ObjectInfo info = delegate.put(key, content, size, sha256);
        gate.written(w);
        return info;
    }

    @Override
    public ObjectInfo putFrom(ArtifactKey key, ContentSource content, long size, String sha256) {
        List<PlannedWrite> w = List.of(write(key));
        gate.allow(w);
        ObjectInfo info = delegate.putFrom(key, content, size, sha256);
        gate.written(w);
        return info;
    }

    @Override
    public ObjectInfo putIfUnchanged(ArtifactKey key, byte[] content, Optional<String> expectedSha256) {
        List<PlannedWrite> w = List.of(write(key));
        gate.allow(w);
        ObjectInfo info = delegate.putIfUnchanged(key, content, expectedSha256);
        gate.written(w);
        return info;
    }

    @Override
    public <T> T read(ArtifactKey key, ContentReader<T> reader) {
        return delegate.read(key, reader);
    }

    @Override
    public void planPut(ArtifactKey key) {
        gate.planned(List.of(write(key)));
        delegate.planPut(key);
    }

    @Override
    public void planPutsBelow(String prefix) {
        String p = prefix == null ? "" : prefix;
        gate.planned(List.of(PlannedWrite.storeWrite(name, p + "*", "write objects below '" + p + "' in " + name)));
        delegate.planPutsBelow(prefix);
    }

    @Override
    public Optional<ObjectInfo> serverSideCopy(ArtifactStore source, ArtifactKey from, ArtifactKey to, String sha256) {
        List<PlannedWrite> w = List.of(write(to));
        gate.allow(w);
        Optional<ObjectInfo> info = delegate.serverSideCopy(unwrap(source), from, to, sha256);
        if (info.isPresent()) {
            gate.written(w);
        }
        return info;
    }

    @Override
    public Optional<ObjectInfo> serverSideCopy(
            ArtifactStore source, ObjectInfo verified, ArtifactKey to, String sha256) {
        List<PlannedWrite> w = List.of(write(to));
        gate.allow(w);
        Optional<ObjectInfo> info = delegate.serverSideCopy(unwrap(source), verified, to, sha256);
        if (info.isPresent()) {
            gate.written(w);
        }
        return info;
    }

    /** A delete is the write of the key it frees (a staged copy: the write of its final key, see {@link StagedKeys}). */
    @Override
    public void delete(ArtifactKey key) {
        List<PlannedWrite> w = List.of(write(key));
        gate.allow(w);
        delegate.delete(key);
    }

    @Override
    public ObjectInfo move(ObjectInfo from, ArtifactKey to) {
        List<PlannedWrite> w = List.of(write(to));
        gate.allow(w);
        ObjectInfo info = delegate.move(from, to);
        gate.written(w);
        return info;
    }

    /**
     * The write a key stands for: its own, or for a staged copy (see {@link StagedKeys}) the write of its final key, so
     * the plan names the keys readers see and a staged run writes exactly what its dry run planned.
     */
    private PlannedWrite write(ArtifactKey key) {
        ArtifactKey target = StagedKeys.finalKeyOf(key).orElse(key);
        return PlannedWrite.storeWrite(name, target.value(), "write " + target.value() + " to " + name);
    }

    private static ArtifactStore unwrap(ArtifactStore s) {
        ArtifactStore out = s;
        while (out instanceof ProtectedArtifactStore p) {
            out = p.delegate;
        }
        return out;
    }

    @Override
    public String toString() {
        return "protected " + name + " (" + delegate.location() + ")";
    }
}

package io.releasekit.aws.testkit;

import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ContentSource;
import io.releasekit.core.artifact.ObjectInfo;
import io.releasekit.core.artifact.StagedKeys;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store as a staged publication sees it, watched by what a reader or a bucket-triggered pipeline would see: around
 * every write and move a listing is taken through {@code reader} (a client of its own), and an object found at one of
 * the {@code finalKeys} before its move into place started is a violation, as is a write straight to a final key or a
 * move to anything but the staged key's own final key. Keys in {@code corrupt} get other bytes at their staged key (a
 * copy gone wrong). {@link #events()} keeps the writes in order.
 */
public final class WatchedStore implements ArtifactStore {

    private final ArtifactStore delegate;
    private final ArtifactStore reader;
    private final String prefix;
    private final Set<String> finalKeys;
    private final Set<String> corrupt;
    private final Set<String> moving = ConcurrentHashMap.newKeySet();
    private final Set<String> moved = ConcurrentHashMap.newKeySet();
    private final List<String> violations = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private int listings;

    /**
     * @param delegate the store written to
     * @param reader lists it as a reader would
     * @param prefix what the reader lists
     * @param finalKeys keys (relative to the store) that may only appear by a move after verification
     * @param corrupt final keys whose staged copy gets other bytes
     */
    public WatchedStore(
            ArtifactStore delegate, ArtifactStore reader, String prefix, Set<String> finalKeys, Set<String> corrupt) {
        this.delegate = delegate;
        this.reader = reader;
        this.prefix = prefix;
        this.finalKeys = Set.copyOf(finalKeys);
        this.corrupt = Set.copyOf(corrupt);
    }

    /** What was seen at a final key too early, or written the wrong way. */
    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** Writes and moves, in order. */
    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** Final keys moved into place. */
    public Set<String> moved() {
        return Set.copyOf(moved);
    }

    /** Listings taken. */
    public synchronized int listings() {
        return listings;
    }

    private synchronized void look(String when) {
        listings++;
        for (ObjectInfo o : reader.list(prefix)) {
            String k = o.key().value();
            if (finalKeys.contains(k) && !moving.contains(k)) {
                violations.add(when + ": " + k + " is at its final key before it was verified and moved");
            }
        }
    }

    private synchronized void event(String e) {
        events.add(e);
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
    public List<ObjectInfo> list(String p) {
        return delegate.list(p);
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
        check(key, "put");
        look("before putting " + key);
        ObjectInfo info = delegate.put(key, content, size, sha256);
        event("put " + key);
        return info;
    }

    @Override
    public ObjectInfo putFrom(ArtifactKey key, ContentSource content, long size, String sha256) {
        check(key, "put");
        look("before putting " + key);
        ObjectInfo info = delegate.putFrom(key, content, size, sha256);
        event("put " + key);
        return info;
    }

    @Override
    public Optional<ObjectInfo> serverSideCopy(
            ArtifactStore source, ObjectInfo verified, ArtifactKey to, String sha256) {
        check(to, "copied");
        look("before copying to " + to);
        Optional<String> target = StagedKeys.finalKeyOf(to).map(ArtifactKey::value);
        if (target.isPresent() && corrupt.contains(target.get())) {
            byte[] other = "bytes a broken copy left".getBytes(StandardCharsets.UTF_8);
            event("copy " + to + " (corrupted)");
            return Optional.of(delegate.put(to, new ByteArrayInputStream(other), other.length, sha256(other)));
        }
        Optional<ObjectInfo> info = delegate.serverSideCopy(source, verified, to, sha256);
        event("copy " + to);
        return info;
    }

    @Override
    public Optional<ObjectInfo> serverSideCopy(ArtifactStore source, ArtifactKey from, ArtifactKey to, String sha256) {
        return serverSideCopy(source, new ObjectInfo(from, 0, Optional.empty(), Optional.empty()), to, sha256);
    }

    @Override
    public void delete(ArtifactKey key) {
        delegate.delete(key);
        event("delete " + key);
    }

    @Override
    public ObjectInfo move(ObjectInfo from, ArtifactKey to) {
        look("before moving " + from.key());
        if (!StagedKeys.finalKeyOf(from.key()).equals(Optional.of(to))) {
            synchronized (this) {
                violations.add("moved " + from.key() + " to " + to + ", which is not its final key");
            }
        }
        moving.add(to.value()); // verified: from now on it may appear at its final key
        ObjectInfo info = delegate.move(from, to);
        moved.add(to.value());
        event("move " + from.key() + " -> " + to);
        look("after moving " + to);
        return info;
    }

    private void check(ArtifactKey key, String what) {
        if (finalKeys.contains(key.value())) {
            synchronized (this) {
                violations.add(what + " " + key + " straight to its final key");
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

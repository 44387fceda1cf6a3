package io.releasekit.core.testkit;

import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ObjectInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Wraps a real store (usually a {@code FileSystemArtifactStore} in a temp dir) to observe and disturb it: records every
 * put in order and per key, counts opens, can pretend to be a remote service ({@code s3:eu-central-1}), can record
 * checksums as S3 does, can crash after a number of puts, and can wrap the streams it opens.
 */
public final class RecordingArtifactStore implements ArtifactStore {

    /** The failure a crashing store throws: not a ReleaseException, so no guard retries it. */
    public static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(String message) {
            super(message);
        }
    }

    private final ArtifactStore delegate;
    private final List<String> putOrder = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> putCounts = new ConcurrentHashMap<>();
    private final Map<String, String> checksums = new ConcurrentHashMap<>();
    private final AtomicInteger opens = new AtomicInteger();
    private final AtomicInteger stats = new AtomicInteger();
    private final AtomicInteger putsLeft = new AtomicInteger(Integer.MAX_VALUE);
    private volatile String service;
    private volatile List<String> services = List.of();
    private volatile boolean recordChecksums;
    private volatile boolean checksumsInListings = true;
    private volatile Function<InputStream, InputStream> streamWrapper = Function.identity();

    public RecordingArtifactStore(ArtifactStore delegate) {
        this.delegate = delegate;
    }

    /** Pretends to be a remote store guarded as {@code service}, depending on {@code also} too (e.g. sts). */
    public RecordingArtifactStore asService(String service, String... also) {
        this.service = service;
        List<String> all = new ArrayList<>(List.of(service));
        all.addAll(List.of(also));
        this.services = List.copyOf(all);
        return this;
    }

    /** Records the SHA-256 given to each put and answers it from stat/list, as S3 does with checksums. */
    public RecordingArtifactStore recordingChecksums() {
        this.recordChecksums = true;
        return this;
    }

    /** Pretends the store recorded this checksum for a key (even a wrong one). */
    public RecordingArtifactStore withRecordedChecksum(String key, String sha256) {
        this.recordChecksums = true;
        checksums.put(key, sha256);
        return this;
    }

    /** Answers recorded checksums from stat only, as S3 does: a ListObjectsV2 page carries no user metadata. */
    public RecordingArtifactStore checksumsOnlyOnStat() {
        this.checksumsInListings = false;
        return this;
    }

    /** Crashes on every put after the next {@code k}. */
    public RecordingArtifactStore crashAfterPuts(int k) {
        putsLeft.set(k);
        return this;
    }

    /** Stops crashing. */
    public RecordingArtifactStore healed() {
        putsLeft.set(Integer.MAX_VALUE);
        return this;
    }

    /** Wraps every stream {@link #open} returns. */
    public RecordingArtifactStore wrappingStreams(Function<InputStream, InputStream> wrapper) {
        this.streamWrapper = wrapper;
        return this;
    }

    /** Keys in the order they were successfully put. */
    public List<String> putOrder() {
        synchronized (putOrder) {
            return List.copyOf(putOrder);
        }
    }

    /** Writes per key (puts that reached the store; a simulated crash happens before, like a dead process). */
    public Map<String, Integer> putCounts() {
        Map<String, Integer> m = new java.util.TreeMap<>();
        putCounts.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    /** Number of stats so far. */
    public int stats() {
        return stats.get();
    }

    /** Number of opens so far. */
    public int opens() {
        return opens.get();
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public Optional<String> service() {
        return Optional.ofNullable(service);
    }

    @Override
    public List<String> services() {
        return services;
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        return checksumsInListings
                ? delegate.list(prefix).stream().map(this::withChecksum).toList()
                : delegate.list(prefix);
    }

    @Override
    public Optional<ObjectInfo> stat(ArtifactKey key) {
        stats.incrementAndGet();
        return delegate.stat(key).map(this::withChecksum);
    }

    @Override
    public InputStream open(ArtifactKey key) {
        opens.incrementAndGet();
        return streamWrapper.apply(delegate.open(key));
    }

    @Override
    public ObjectInfo put(ArtifactKey key, InputStream content, long size, String sha256) {
        if (putsLeft.getAndDecrement() <= 0) {
            throw new SimulatedCrash("simulated crash before writing " + key);
        }
        putCounts.computeIfAbsent(key.value(), k -> new AtomicInteger()).incrementAndGet();
        ObjectInfo info = delegate.put(key, content, size, sha256);
        if (recordChecksums) {
            checksums.put(key.value(), sha256);
        }
        putOrder.add(key.value());
        return withChecksum(info);
    }

    /** Records a conditional replacement like a put (its key in {@link #putOrder()}). */
    @Override
    public ObjectInfo putIfUnchanged(ArtifactKey key, byte[] content, Optional<String> expectedSha256) {
        if (putsLeft.getAndDecrement() <= 0) {
            throw new SimulatedCrash("simulated crash before writing " + key);
        }
        putCounts.computeIfAbsent(key.value(), k -> new AtomicInteger()).incrementAndGet();
        ObjectInfo info = delegate.putIfUnchanged(key, content, expectedSha256);
        putOrder.add(key.value());
        return info;
    }

    private ObjectInfo withChecksum(ObjectInfo info) {
        String sha = recordChecksums ? checksums.get(info.key().value()) : null;
        return sha == null ? info : new ObjectInfo(info.key(), info.size(), Optional.of(sha), info.lastModified());
    }

    /** Reads a stream whole (tests). */
    public static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

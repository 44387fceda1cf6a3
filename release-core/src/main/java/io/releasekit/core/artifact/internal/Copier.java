package io.releasekit.core.artifact.internal;

import io.releasekit.core.ConflictException;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.CopyAction;
import io.releasekit.core.artifact.CopyOutcome;
import io.releasekit.core.artifact.CopyReport;
import io.releasekit.core.artifact.DigestAlgorithm;
import io.releasekit.core.artifact.ManifestAction;
import io.releasekit.core.artifact.ManifestEntry;
import io.releasekit.core.artifact.ObjectInfo;
import io.releasekit.core.artifact.ProgressListener;
import io.releasekit.core.artifact.StagedKeys;
import io.releasekit.core.artifact.Verifier;
import io.releasekit.core.fence.WriteFence;
import io.releasekit.core.internal.Parallel;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The copy and manifest phases of a publication (see {@code PublishCommand}). */
public final class Copier {

    private static final int MAX_SIGNATURE_BYTES = 1 << 20;
    private static final List<String> SIGNATURE_SUFFIXES = List.of(".asc", ".sig");

    /**
     * @param overwrite replace different objects
     * @param dryRun write nothing
     * @param concurrency objects at once
     * @param progress listener
     * @param trustStoreChecksums whether a staged copy may be accepted on the store's word (entity tag of the verified
     *     source, the checksum the store checked on upload) instead of being read back
     * @param stagingToken when present, each object is written to its staged key first and moved into place once it is
     *     verified (see {@link io.releasekit.core.artifact.StagedKeys})
     */
    public record Options(
            boolean overwrite,
            boolean dryRun,
            int concurrency,
            ProgressListener progress,
            boolean trustStoreChecksums,
            Optional<String> stagingToken) {}

    /**
     * What the copy phase knows before it starts.
     *
     * @param sourceListing the source location's objects by relative name, as listed
     * @param verifiedSource source artifacts as verified (size, entity tag, SHA-256), by name; empty when the copy is
     *     not bound to a verification of the source it can trust (then each server-side copy asks the source first)
     * @param vouchedDestination destination objects vouched for by the record of an earlier publication
     * @param destinationListing the destination location's objects by relative name, listed just now
     */
    public record Known(
            Map<String, ObjectInfo> sourceListing,
            Map<String, ObjectInfo> verifiedSource,
            Map<String, ObjectInfo> vouchedDestination,
            Map<String, ObjectInfo> destinationListing) {}

    /**
     * The planned copies of a publication, every conflict already refused.
     *
     * @param planned one per item: the artifacts in manifest order, then their signature files
     * @param progress counts the items done
     */
    public record Plan(List<Planned> planned, Progress progress) {

        /** The planned items of these artifacts (relative names) and of their signature files. */
        public List<Planned> of(Set<String> artifacts) {
            return planned.stream()
                    .filter(p -> artifacts.contains(p.item().artifact()))
                    .toList();
        }
    }

    /**
     * One object to publish; {@code content} is set for small files read whole (signatures), {@code artifact} names the
     * manifest entry it belongs to (itself, or the artifact a signature file signs).
     */
    private record Item(
            String artifact,
            String name,
            ArtifactKey from,
            ArtifactKey to,
            long size,
            DigestAlgorithm algorithm,
            String digest,
            byte[] content) {}

    /** An item and its planned action ({@code null}: a conflict). */
    public record Planned(Item item, CopyAction action) {

        /** The item's name relative to the locations. */
        public String name() {
            return item.name();
        }
    }

    private final GuardedStore src;
    private final String srcPrefix;
    private final GuardedStore dst;
    private final String dstPrefix;
    private final Options o;
    private final Map<String, ObjectInfo> written = new ConcurrentHashMap<>();

    /** A copier between two guarded locations. */
    public Copier(GuardedStore src, String srcPrefix, GuardedStore dst, String dstPrefix, Options options) {
        this.src = src;
        this.srcPrefix = srcPrefix;
        this.dst = dst;
        this.dstPrefix = dstPrefix;
        this.o = options;
    }

    /**
     * Plans from one listing of the destination (a request per object only for an object already there that no
     * verification vouches for), checks for conflicts, then copies (unless dry run).
     */
    public CopyReport copy(LoadedManifest m, Known known) {
        Plan plan = plan(m, known);
        return execute(plan, plan.planned(), known.verifiedSource());
    }

    /**
     * The planned action of every item (the manifest's artifacts, then their signature files), from one listing of the
     * destination.
     *
     * @throws ConflictException naming the destination keys that hold other objects (overwrite off), before anything
     *     is written
     */
    public Plan plan(LoadedManifest m, Known known) {
        List<Item> items = items(m, known.sourceListing());
        Map<String, ObjectInfo> there = known.destinationListing();
        List<Planned> plan =
                Parallel.map(items, o.concurrency(), "releasekit-plan", it -> plan(it, there.get(it.name()), known));
        List<String> conflicts = plan.stream()
                .filter(p -> p.action() == null)
                .map(p -> p.item().to().value())
                .toList();
        if (!conflicts.isEmpty()) {
            throw new ConflictException(
                    conflicts.size() + " object(s) at " + dst.store().location()
                            + " differ from the release and overwrite is off: "
                            + conflicts.stream().limit(10).collect(Collectors.joining(", "))
                            + (conflicts.size() > 10 ? ", ..." : ""));
        }
        return new Plan(plan, new Progress(o.progress(), plan.size()));
    }

    /** Carries out a plan's items: {@code verifiedSource} holds their source objects as verified. */
    public CopyReport execute(Plan plan, List<Planned> items, Map<String, ObjectInfo> verifiedSource) {
        List<CopyOutcome> outcomes = Parallel.map(
                items, o.concurrency(), "releasekit-copy", p -> execute(p, verifiedSource, plan.progress()));
        long bytes = outcomes.stream()
                .filter(c -> c.action().writes())
                .mapToLong(CopyOutcome::size)
                .sum();
        return new CopyReport(outcomes, bytes, o.dryRun());
    }

    /**
     * After {@link #copy}: the objects it wrote, by name relative to the locations, as the store answered the writes
     * (size and entity tag of each copy, moved copy or upload).
     */
    public Map<String, ObjectInfo> written() {
        return Map.copyOf(written);
    }

    /**
     * Writes the publication record (when given), the manifest's signature files, then the manifest (unless identical
     * ones are there, or dry run). The record is not release content: a different one is replaced without {@code
     * overwrite}. {@code listing} is the source location's listing (for the signature files).
     */
    public ManifestAction writeManifest(LoadedManifest m, Optional<byte[]> record, Map<String, ObjectInfo> listing) {
        Map<ArtifactKey, byte[]> files = new LinkedHashMap<>();

        ArtifactKey recordKey = Prefixes.keyOf(dstPrefix, Prefixes.relative(m.name()) + Verifier.RECORD_SUFFIX);
        record.ifPresent(r -> files.put(recordKey, r));
        for (String suffix : SIGNATURE_SUFFIXES) {
            String sig = Prefixes.relative(m.name()) + suffix;
            if (listing.containsKey(sig)) {
                files.put(
                        Prefixes.keyOf(dstPrefix, sig),
                        src.readSmall(Prefixes.keyOf(srcPrefix, sig), MAX_SIGNATURE_BYTES));
            }
        }
        files.put(Prefixes.keyOf(dstPrefix, m.name()), m.bytes());
        Map<ArtifactKey, byte[]> toWrite = new LinkedHashMap<>();
        boolean replacing = false;
        for (var f : files.entrySet()) {
            Optional<ObjectInfo> existing = dst.stat(f.getKey());
            if (existing.isPresent()
                    && existing.get().size() == f.getValue().length
                    && Arrays.equals(dst.readSmall(f.getKey(), f.getValue().length), f.getValue())) {
                continue;
            }
            if (f.getKey().equals(recordKey)) {
                if (!o.dryRun() || existing.isEmpty()) {
                    toWrite.put(f.getKey(), f.getValue()); // a dry run cannot know the copies' entity tags yet
                }
                continue;
            }
            if (existing.isPresent() && !o.overwrite()) {
                throw new ConflictException("a different '" + f.getKey() + "' is already published at "
                        + dst.store().location() + " and overwrite is off");
            }
            replacing |= existing.isPresent();
            toWrite.put(f.getKey(), f.getValue());
        }
        if (toWrite.isEmpty() || toWrite.keySet().equals(Set.of(recordKey))) {
            if (o.dryRun()) {
                toWrite.keySet().forEach(dst.store()::planPut);
            } else {
                toWrite.forEach(this::writeSmall); // only the record: the release was already published
            }
            return ManifestAction.UNCHANGED;
        }
        if (o.dryRun()) {
            toWrite.keySet().forEach(dst.store()::planPut);
            return ManifestAction.WOULD_WRITE;
        }
        toWrite.forEach(this::writeSmall);
        return replacing ? ManifestAction.REPLACED : ManifestAction.WRITTEN;
    }

    private void writeSmall(ArtifactKey key, byte[] bytes) {
        WriteFence.check(); // a run taken over by another replica writes nothing more
        dst.call(() ->
                dst.store().put(key, new ByteArrayInputStream(bytes), bytes.length, LoadedManifest.sha256(bytes)));
    }

    private List<Item> items(LoadedManifest m, Map<String, ObjectInfo> listing) {
        List<Item> items = new ArrayList<>();
        List<Item> signatures = new ArrayList<>();
        for (ManifestEntry e : m.manifest().entries()) {
            String name = Prefixes.relative(e.name());
            ObjectInfo info = listing.get(name);
            if (info == null) {
                throw new ConflictException("'" + name + "' disappeared from "
                        + src.store().location() + srcPrefix + " after it was verified");
            }
            items.add(new Item(
                    name,
                    name,
                    info.key(),
                    Prefixes.keyOf(dstPrefix, name),
                    info.size(),
                    m.manifest().algorithm(),
                    e.digest(),
                    null));
            for (String suffix : SIGNATURE_SUFFIXES) {
                ObjectInfo sig = listing.get(name + suffix);
                if (sig != null) {
                    byte[] bytes = src.readSmall(sig.key(), MAX_SIGNATURE_BYTES);
                    signatures.add(new Item(
                            name,
                            name + suffix,
                            sig.key(),
                            Prefixes.keyOf(dstPrefix, name + suffix),
                            bytes.length,
                            DigestAlgorithm.SHA256,
                            LoadedManifest.sha256(bytes),
                            bytes));
                }
            }
        }
        items.addAll(signatures);
        return items;
    }

    /**
     * The action for an item, or null action for a conflict. {@code listed} is the destination object as listed: an
     * object with the entity tag of the verified source object (a copy of it) or of a vouched object is identical
     * without a request; any other is asked for its recorded SHA-256 (and read when it has none).
     */
    private Planned plan(Item it, ObjectInfo listed, Known known) throws IOException {
        if (listed == null) {
            return new Planned(it, o.dryRun() ? CopyAction.WOULD_COPY : CopyAction.COPIED);
        }
        boolean vouched = listed.sameEntity(known.verifiedSource().get(it.name()))
                || listed.sameEntity(known.vouchedDestination().get(it.name()))
                        && known.vouchedDestination().get(it.name()).sha256().equals(Optional.of(it.digest()));
        Optional<ObjectInfo> existing = vouched ? Optional.of(listed) : dst.stat(it.to());
        if (existing.isEmpty()) {
            return new Planned(it, o.dryRun() ? CopyAction.WOULD_COPY : CopyAction.COPIED);
        }
        if (vouched || identical(existing.get(), it)) {
            return new Planned(it, CopyAction.SKIPPED_IDENTICAL);
        }
        if (!o.overwrite()) {
            return new Planned(it, null);
        }
        return new Planned(it, o.dryRun() ? CopyAction.WOULD_REPLACE : CopyAction.REPLACED);
    }

    private boolean identical(ObjectInfo existing, Item it) throws IOException {
        if (existing.size() != it.size()) {
            return false;
        }
        if (it.algorithm() == DigestAlgorithm.SHA256 && existing.sha256().isPresent()) {
            return existing.sha256().get().equals(it.digest());
        }
        try (InputStream in = dst.open(it.to())) {
            return ParallelDigester.digest(in, it.algorithm(), new byte[ParallelDigester.BUFFER_BYTES])
                    .hex()
                    .equals(it.digest());
        }
    }

    private CopyOutcome execute(Planned p, Map<String, ObjectInfo> verifiedSource, Progress progress)
            throws IOException {
        Item it = p.item();
        if (p.action() != CopyAction.SKIPPED_IDENTICAL && !o.dryRun()) {
            String sha256 = it.algorithm() == DigestAlgorithm.SHA256 ? it.digest() : sha256Of(it);
            ArtifactStore from = src.store();
            ObjectInfo verified = it.content() == null ? verifiedSource.get(it.name()) : null;
            ArtifactKey target =
                    o.stagingToken().map(t -> StagedKeys.stagedKey(it.to(), t)).orElse(it.to());
            WriteFence.check(); // a run taken over by another replica writes nothing more
            Optional<ObjectInfo> serverSide = dst.call(() -> verified != null
                    ? dst.store().serverSideCopy(from, verified, target, sha256)
                    : dst.store().serverSideCopy(from, it.from(), target, sha256));
            ObjectInfo written;
            if (serverSide.isPresent()) {
                progress.bytes(it.size());
                written = serverSide.get();
            } else {
                // a source opened afresh per attempt: a retried put never reads a stream an earlier one consumed
                written = dst.call(
                        () -> dst.store().putFrom(target, () -> counting(open(it), progress), it.size(), sha256));
            }
            if (o.stagingToken().isPresent()) {
                ObjectInfo checked = verifyStaged(written, serverSide.isPresent() ? verified : null, sha256);
                WriteFence.check();
                written = dst.call(() -> dst.store().move(checked, it.to()));
            }
            this.written.put(it.name(), written);
            progress.objectDone();
            CopyAction done = p.action() == CopyAction.REPLACED
                    ? CopyAction.REPLACED
                    : serverSide.isPresent() ? CopyAction.COPIED_SERVER_SIDE : CopyAction.COPIED;
            return new CopyOutcome(it.name(), it.from(), it.to(), it.size(), done);
        }
        if (p.action() != CopyAction.SKIPPED_IDENTICAL) {
            dst.store().planPut(it.to()); // a dry run: the write the real run would make, planned at the port
        }
        progress.objectDone();
        return new CopyOutcome(it.name(), it.from(), it.to(), it.size(), p.action());
    }

    /**
     * Checks a staged copy before it is moved into place. Trusting store checksums, a server-side copy carrying the
     * entity tag of the verified source (the same bytes) or a streamed write (the store checked its SHA-256 on
     * upload) is accepted as it is; otherwise the staged bytes are read back and hashed.
     *
     * @throws ConflictException when the staged object is not the expected one (it stays at its staged key)
     */
    private ObjectInfo verifyStaged(ObjectInfo staged, ObjectInfo verifiedSource, String sha256) throws IOException {
        boolean sameBytes = verifiedSource != null
                && staged.etag().isPresent()
                && staged.etag().equals(verifiedSource.etag());
        if (o.trustStoreChecksums() && (verifiedSource == null || sameBytes)) {
            return staged.withSha256(sha256);
        }
        try (InputStream in = dst.open(staged.key())) {
            ParallelDigester.Digest d =
                    ParallelDigester.digest(in, DigestAlgorithm.SHA256, new byte[ParallelDigester.BUFFER_BYTES]);
            if (d.bytes() != staged.size() || !d.hex().equals(sha256)) {
                throw new ConflictException("the staged copy '" + staged.key() + "' in "
                        + dst.store().location()
                        + " has " + d.bytes() + " bytes with SHA-256 " + d.hex() + ", expected " + staged.size()
                        + " bytes with " + sha256 + "; it was not moved into place");
            }
        }
        return staged.withSha256(sha256);
    }

    private InputStream open(Item it) {
        return it.content() != null ? new ByteArrayInputStream(it.content()) : src.open(it.from());
    }

    /**
     * The SHA-256 a store needs for a put, for a manifest of another algorithm: one read computing both digests,
     * refusing an object that no longer has its listed digest.
     */
    private String sha256Of(Item it) throws IOException {
        MessageDigest sha256 = DigestAlgorithm.SHA256.newDigest();
        MessageDigest listed = it.algorithm().newDigest();
        byte[] buf = new byte[ParallelDigester.BUFFER_BYTES];
        try (InputStream in = src.open(it.from())) {
            int r;
            while ((r = in.read(buf)) >= 0) {
                sha256.update(buf, 0, r);
                listed.update(buf, 0, r);
            }
        }
        if (!HexFormat.of().formatHex(listed.digest()).equals(it.digest())) {
            throw new ConflictException("'" + it.from() + "' changed after it was verified; verify it again");
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static InputStream counting(InputStream in, Progress progress) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    progress.bytes(n);
                }
                return n;
            }

            @Override
            public int read() throws IOException {
                int c = super.read();
                if (c >= 0) {
                    progress.bytes(1);
                }
                return c;
            }
        };
    }

    /** The objects below {@code prefix} by name relative to it. */
    public static Map<String, ObjectInfo> listing(GuardedStore store, String prefix) {
        Map<String, ObjectInfo> m = new LinkedHashMap<>();
        for (ObjectInfo o : store.list(prefix)) {
            m.put(o.key().value().substring(prefix.length()), o);
        }
        return m;
    }
}

package io.releasekit.core.artifact;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.ReleaseException;
import io.releasekit.core.artifact.internal.Copier;
import io.releasekit.core.artifact.internal.GuardedStore;
import io.releasekit.core.artifact.internal.KeyRanges;
import io.releasekit.core.artifact.internal.LoadedManifest;
import io.releasekit.core.artifact.internal.Prefixes;
import io.releasekit.core.artifact.internal.PublicationRecord;
import io.releasekit.core.artifact.internal.RecordedPublication;
import io.releasekit.core.artifact.signature.SignaturePolicy;
import io.releasekit.core.service.ServiceGuards;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A single-use publication from {@link Publisher#publish}. {@link #call()} runs the four phases in order; the process
 * steps of {@code artifacts.publish} run them one at a time ({@link #verifySource()}, {@link #copy()}, {@link
 * #verifyDestination()}, {@link #writeManifest()}), passing the verified manifest's SHA-256 along with {@link
 * #expectManifestSha256(String)} so a manifest changed between steps is refused. Every phase is idempotent and honours
 * {@link #dryRun(boolean)}.
 */
public final class PublishCommand {

    private final ServiceGuards guards;
    private final Clock clock;
    private final ArtifactStore source;
    private final String sourcePrefix;
    private final ArtifactStore destination;
    private final String destinationPrefix;
    private String manifestName = DigestAlgorithm.SHA256.sumsFileName();
    private boolean overwrite;
    private boolean dryRun;
    private boolean trustStoreChecksums;
    private int concurrency = 4;
    private SignaturePolicy signatures = SignaturePolicy.none();
    private ProgressListener progress = ProgressListener.NONE;
    private Optional<String> expectedManifestSha256 = Optional.empty();
    private Optional<String> expectedSourceFingerprint = Optional.empty();
    private boolean staged;
    private Map<String, ObjectInfo> verifiedSource;
    private Map<String, ObjectInfo> verifiedDestination;
    private Optional<PublicationRecord> record;
    private LoadedManifest manifest;
    private Map<String, ObjectInfo> sourceListing;
    private Map<String, ObjectInfo> destinationAfterCopy;
    private FutureTask<Map<String, ObjectInfo>> prefetchedDestination;

    PublishCommand(
            ServiceGuards guards,
            Clock clock,
            ArtifactStore source,
            String sourcePrefix,
            ArtifactStore destination,
            String destinationPrefix) {
        this.guards = guards;
        this.clock = clock;
        this.source = Objects.requireNonNull(source, "source");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.sourcePrefix = Prefixes.normalize(sourcePrefix);
        this.destinationPrefix = Prefixes.normalize(destinationPrefix);
        if ((source.location() + this.sourcePrefix).equals(destination.location() + this.destinationPrefix)) {
            throw new InvalidInputException(
                    "source and destination are the same location: " + source.location() + this.sourcePrefix);
        }
    }

    /** The manifest's name in the source location (default {@code SHA256SUMS}). */
    public PublishCommand manifest(String name) {
        Prefixes.keyOf("", name);
        this.manifestName = name;
        return this;
    }

    /** Replace different objects (and a different manifest) at the destination instead of refusing (default false). */
    public PublishCommand overwrite(boolean overwrite) {
        this.overwrite = overwrite;
        return this;
    }

    /** How many objects are copied at once (default 4). */
    public PublishCommand concurrency(int concurrency) {
        if (concurrency < 1 || concurrency > 64) {
            throw new InvalidInputException("concurrency must be between 1 and 64, was " + concurrency);
        }
        this.concurrency = concurrency;
        return this;
    }

    /** Read and check everything, write nothing, and report the planned copies (default false). */
    public PublishCommand dryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    /** Signatures to check and require at the source (default none). */
    public PublishCommand signatures(SignaturePolicy policy) {
        this.signatures = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** Accept stores' recorded SHA-256 checksums instead of reading objects (default false). */
    public PublishCommand trustStoreChecksums(boolean trust) {
        this.trustStoreChecksums = trust;
        return this;
    }

    /** Receives objects done and bytes moved, per phase. */
    public PublishCommand onProgress(ProgressListener listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Refuse if the source manifest no longer has this SHA-256 (set from an earlier {@link #verifySource()}). */
    public PublishCommand expectManifestSha256(String sha256) {
        this.expectedManifestSha256 = Optional.of(ObjectInfo.requireSha256(sha256));
        return this;
    }

    /**
     * Write each object under a staged key next to its final one ({@link StagedKeys}) and move it into place only once
     * it has been verified there, so no reader or bucket notification ever sees an unverified object at a final key
     * (default false). On S3 a move is a CopyObject and a DeleteObject: two more requests per object.
     */
    public PublishCommand staged(boolean staged) {
        this.staged = staged;
        return this;
    }

    /**
     * Refuse the later phases when the source's verified artifacts (names, sizes, entity tags) no longer list as they
     * did when {@link #verifySource()} verified them (its {@link #sourceFingerprint()}, carried from an earlier step).
     * With it, a server-side copy is made conditional on the verified entity tag without asking the source again.
     */
    public PublishCommand expectSourceFingerprint(String fingerprint) {
        this.expectedSourceFingerprint = Optional.of(ObjectInfo.requireSha256(fingerprint));
        return this;
    }

    /**
     * After {@link #verifySource()}: the SHA-256 of the verified artifacts' names, sizes and entity tags, for {@link
     * #expectSourceFingerprint(String)} in a later step.
     */
    public String sourceFingerprint() {
        if (verifiedSource == null) {
            throw new IllegalStateException("sourceFingerprint() is known once verifySource() has run");
        }
        return fingerprint(verifiedSource);
    }

    /**
     * Runs every phase: verify source, copy, verify destination, write the manifest — unless {@link #recognise()} finds
     * the release already published intact at the destination (then only the destination was listed).
     */
    public PublishResult call() {
        Optional<PublishResult> done = recognise();
        if (done.isPresent()) {
            return done.get();
        }
        if (prefetchedDestination == null) {
            // the destination is listed while the source is verified, not after
            LoadedManifest m = loadManifest();
            FutureTask<Map<String, ObjectInfo>> pages = new FutureTask<>(() -> KeyRanges.listing(
                    new GuardedStore(destination, guards), destinationPrefix, RecordedPublication.knownNames(m)));
            Thread lister = new Thread(pages, "releasekit-list-destination");
            lister.setDaemon(true);
            lister.start();
            prefetchedDestination = pages;
        }
        // the phases one after the other: nothing is copied until every source object verified. (Verify-source and
        // copy overlapped part by part were measured in session 6 and bought nothing on an idle machine, 15.82 s
        // against 15.66 s for 10,000 objects, while giving up "no write before everything verified".)
        VerificationReport sourceReport = verifySource();
        CopyReport copies = copy();
        Optional<VerificationReport> destinationReport = dryRun ? Optional.empty() : Optional.of(verifyDestination());
        ManifestAction manifest = writeManifest();
        return new PublishResult(
                source.location() + sourcePrefix,
                destination.location() + destinationPrefix,
                dryRun,
                sourceReport,
                copies,
                destinationReport,
                manifest);
    }

    /**
     * A rerun's shortcut, before the phases: with trusted store checksums, no signatures to check and a remote
     * destination whose publication record belongs to the source manifest, lists the destination alone (in key ranges,
     * at once) and compares it with the record. When every artifact is there with its recorded size and entity tag and
     * the manifest is published, answers the result ({@link PublishResult#fromRecord()}): nothing was copied or
     * written, and the source was not listed. Else empty, and the phases that follow reuse the listing. Reads only; a
     * dry run gives the same answer.
     */
    public Optional<PublishResult> recognise() {
        Instant start = clock.instant();
        LoadedManifest m = loadManifest();
        expectManifestSha256(m.sha256()); // the phases verify the manifest read here, or refuse a changed one
        Optional<PublicationRecord> earlier =
                record().filter(r -> r.manifestSha256().equals(m.sha256()));
        if (earlier.isEmpty() || signatures.checks()) {
            return Optional.empty();
        }
        GuardedStore dst = new GuardedStore(destination, guards);
        RecordedPublication rerun = new RecordedPublication(
                m,
                earlier.get(),
                destinationPrefix,
                KeyRanges.listing(dst, destinationPrefix, RecordedPublication.knownNames(m)));
        if (rerun.difference(dst).isEmpty()) {
            return Optional.of(recognised(rerun, start));
        }
        FutureTask<Map<String, ObjectInfo>> listed = new FutureTask<>(rerun::listing);
        listed.run();
        prefetchedDestination = listed;
        return Optional.empty();
    }

    /** The result of a rerun that found the release intact at the destination: nothing copied, nothing written. */
    private PublishResult recognised(RecordedPublication rerun, Instant start) {
        Duration elapsed = Duration.between(start, clock.instant());
        int artifacts = rerun.manifest().manifest().entries().size();
        progress.progress(artifacts, artifacts, 0);
        return new PublishResult(
                sourceLocation(),
                destinationLocation(),
                dryRun,
                rerun.report(sourceLocation(), elapsed),
                rerun.skipped(sourcePrefix, dryRun),
                Optional.of(rerun.report(destinationLocation(), elapsed)),
                ManifestAction.UNCHANGED,
                true);
    }

    /**
     * Phase 1: verifies the source against its manifest and signatures.
     *
     * @throws VerificationFailedException when an artifact is missing or does not match
     * @throws io.releasekit.core.artifact.signature.SignatureRefusedException when a signature is refused
     */
    public VerificationReport verifySource() {
        Verifier.Command v = new Verifier(guards, clock)
                .verify(source, sourcePrefix)
                .manifest(manifestName)
                .signatures(signatures)
                .trustStoreChecksums(trustStoreChecksums)
                .concurrency(Math.max(concurrency, Verifier.defaultConcurrency(source)))
                .onProgress(progress);
        record().ifPresent(r -> v.vouched(r.vouched(sourcePrefix, true)));
        expectedManifestSha256.ifPresent(v::expectManifestSha256);
        VerificationReport report = v.call().requirePassed();
        verifiedSource = v.verifiedObjects();
        sourceListing = v.listing();
        return report;
    }

    /**
     * Phase 2: copies every listed artifact (and its {@code .asc}/{@code .sig}) that is not already at the destination
     * with the same digest. Refuses before writing anything when a different object sits at a destination key and
     * {@link #overwrite} is not set.
     *
     * @throws io.releasekit.core.ConflictException naming the conflicting keys
     */
    public CopyReport copy() {
        LoadedManifest m = loadManifest();
        Map<String, ObjectInfo> vouchedDestination =
                record().map(r -> r.vouched(destinationPrefix, false)).orElse(Map.of());
        Map<String, ObjectInfo> there = destinationListing();
        Copier copier = copier();
        CopyReport report =
                copier.copy(m, new Copier.Known(sourceListing(), boundSource(m), vouchedDestination, there));
        describeDestination(report, there, copier);
        return report;
    }

    private void describeDestination(CopyReport report, Map<String, ObjectInfo> there, Copier copier) {
        // the listing plus what the store answered to this phase's writes describes the destination: with trusted
        // checksums (the store's word is taken) verify-destination need not list it again; without, only when
        // nothing was written
        Map<String, ObjectInfo> after = new LinkedHashMap<>(there);
        after.putAll(copier.written());
        // (an upload's answer carries the SHA-256 the store checked; a copy's, its ETag)
        boolean described = trustStoreChecksums
                && after.values().stream()
                        .allMatch(o -> o.etag().isPresent() || o.sha256().isPresent());
        destinationAfterCopy = dryRun ? null : report.written() == 0 ? there : described ? after : null;
    }

    /**
     * Phase 3: verifies the copied artifacts at the destination against the source manifest.
     *
     * @throws VerificationFailedException when a copied object does not match
     */
    public VerificationReport verifyDestination() {
        LoadedManifest m = loadManifest();
        Map<String, ObjectInfo> vouched = new HashMap<>();
        if (trustStoreChecksums) {
            record().ifPresent(r -> vouched.putAll(r.vouched(destinationPrefix, false)));
            // a copy of a single-part S3 object keeps its ETag: a destination object listed with the entity tag of the
            // source object verified (and copied conditionally on it) holds the same bytes
            boundSource(m).forEach((name, info) -> {
                if (info.etag().isPresent()) {
                    vouched.put(name, info);
                }
            });
        }
        Verifier.Command v = new Verifier(guards, clock)
                .verify(destination, destinationPrefix)
                .manifest(m.bytes())
                .trustStoreChecksums(trustStoreChecksums)
                .concurrency(Math.max(concurrency, Verifier.defaultConcurrency(destination)))
                .vouched(vouched)
                .onProgress(progress);
        if (destinationAfterCopy != null) {
            v.listed(destinationAfterCopy);
        }
        VerificationReport report = v.call().requirePassed();
        verifiedDestination = v.verifiedObjects();
        return report;
    }

    /**
     * Phase 4: writes the manifest's signature files, then the manifest itself (the exact source bytes, so signatures
     * still match), making the release visible.
     *
     * @throws io.releasekit.core.ConflictException when a different manifest is there and {@link #overwrite} is not set
     */
    public ManifestAction writeManifest() {
        LoadedManifest m = loadManifest();
        return copier().writeManifest(m, recordToWrite(m), sourceListing());
    }

    /** The source location, e.g. {@code s3://ferrocene-ci-artifacts/1a2b3c4/}. */
    public String sourceLocation() {
        return source.location() + sourcePrefix;
    }

    /** The destination location. */
    public String destinationLocation() {
        return destination.location() + destinationPrefix;
    }

    /** The source manifest, read once per command (the bytes checked are the bytes published). */
    private LoadedManifest loadManifest() {
        if (manifest == null) {
            manifest = LoadedManifest.read(
                    new GuardedStore(source, guards), sourcePrefix, manifestName, expectedManifestSha256);
        }
        return manifest;
    }

    private Copier copier() {
        return new Copier(
                new GuardedStore(source, guards),
                sourcePrefix,
                new GuardedStore(destination, guards),
                destinationPrefix,
                new Copier.Options(
                        overwrite,
                        dryRun,
                        concurrency,
                        progress,
                        trustStoreChecksums,
                        staged ? Optional.of(stagingToken()) : Optional.empty()));
    }

    /** A staged copy's token: the start of the manifest's SHA-256, so a rerun of the same release finds its copies. */
    private String stagingToken() {
        return loadManifest().sha256().substring(0, 12);
    }

    /**
     * The source artifacts as verified, when this command verified them or the listing still matches the fingerprint
     * of a verification in an earlier step; else empty (nothing is vouched for).
     */
    private Map<String, ObjectInfo> boundSource(LoadedManifest m) {
        if (verifiedSource != null) {
            return verifiedSource;
        }
        if (expectedSourceFingerprint.isEmpty()) {
            return Map.of();
        }
        Map<String, ObjectInfo> listing = sourceListing();
        Map<String, ObjectInfo> now = new LinkedHashMap<>();
        for (ManifestEntry e : m.manifest().entries()) {
            String name = Prefixes.relative(e.name());
            ObjectInfo info = listing.get(name);
            if (info != null) {
                now.put(name, m.manifest().algorithm() == DigestAlgorithm.SHA256 ? info.withSha256(e.digest()) : info);
            }
        }
        if (!fingerprint(now).equals(expectedSourceFingerprint.get())) {
            throw new ConflictException("the artifacts at " + sourceLocation() + " changed since they were verified"
                    + " (their sizes or entity tags differ); verify the source again");
        }
        return now;
    }

    /**
     * The record to write before the manifest: with trusted store checksums and a remote destination (the only case a
     * rerun uses it), from the verified destination and source.
     */
    private Optional<byte[]> recordToWrite(LoadedManifest m) {
        if (!trustStoreChecksums || destination.service().isEmpty()) {
            return Optional.empty();
        }
        if (dryRun) {
            return Optional.of(new byte[0]); // planned; its content follows from the copies
        }
        Map<String, ObjectInfo> dst = verifiedDestination != null
                ? verifiedDestination
                : Copier.listing(new GuardedStore(destination, guards), destinationPrefix);
        Map<String, ObjectInfo> src = boundSource(m);
        Map<String, PublicationRecord.Entry> entries = new TreeMap<>();
        for (ManifestEntry e : m.manifest().entries()) {
            String name = Prefixes.relative(e.name());
            ObjectInfo s = src.get(name);
            ObjectInfo d = dst.get(name);
            if (m.manifest().algorithm() == DigestAlgorithm.SHA256 && s != null && d != null) {
                entries.put(
                        name,
                        new PublicationRecord.Entry(
                                d.size(),
                                e.digest(),
                                s.etag().orElse(""),
                                d.etag().orElse("")));
            }
        }
        return Optional.of(new PublicationRecord(m.sha256(), entries).toJson());
    }

    /** The record of an earlier publication at the destination, read once (trusted store checksums only). */
    private Optional<PublicationRecord> record() {
        if (record == null) {
            record = Optional.empty();
            if (trustStoreChecksums && destination.service().isPresent()) {
                ArtifactKey key = Prefixes.keyOf(destinationPrefix, manifestName + Verifier.RECORD_SUFFIX);
                try {
                    record = PublicationRecord.parse(
                            new GuardedStore(destination, guards).readSmall(key, PublicationRecord.maxBytes()));
                } catch (NotFoundException none) {
                    record = Optional.empty();
                } catch (ReleaseException unavailable) {
                    record = Optional.empty(); // an aid only: without it each object is asked for its checksum
                }
            }
        }
        return record;
    }

    /** The destination location's objects: listed now, or while the source was verified ({@link #call()}). */
    private Map<String, ObjectInfo> destinationListing() {
        FutureTask<Map<String, ObjectInfo>> pages = prefetchedDestination;
        prefetchedDestination = null;
        if (pages == null) {
            return KeyRanges.listing(
                    new GuardedStore(destination, guards),
                    destinationPrefix,
                    RecordedPublication.knownNames(loadManifest()));
        }
        try {
            return pages.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing " + destinationLocation(), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The source location's objects: as verified by this command, else listed once. */
    private Map<String, ObjectInfo> sourceListing() {
        if (sourceListing == null) {
            sourceListing = Copier.listing(new GuardedStore(source, guards), sourcePrefix);
        }
        return sourceListing;
    }

    /** SHA-256 over the sorted names, sizes and entity tags. */
    private static String fingerprint(Map<String, ObjectInfo> objects) {
        MessageDigest d = DigestAlgorithm.SHA256.newDigest();
        new TreeMap<>(objects)
                .forEach((name, info) -> d.update(
                        (name + "\u0000" + info.size() + "\u0000" + info.etag().orElse("-") + "\n")
                                .getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(d.digest());
    }
}

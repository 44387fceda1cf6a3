package io.releasekit.core.artifact;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.artifact.internal.Copier;
import io.releasekit.core.artifact.internal.GuardedStore;
import io.releasekit.core.artifact.internal.LoadedManifest;
import io.releasekit.core.artifact.internal.Prefixes;
import io.releasekit.core.artifact.signature.SignaturePolicy;
import io.releasekit.core.service.ServiceGuards;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

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

    /** Runs every phase: verify source, copy, verify destination, write the manifest. */
    public PublishResult call() {
        VerificationReport sourceReport = verifySource();
        expectManifestSha256(sourceReport.manifestSha256());
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
                .onProgress(progress);
        expectedManifestSha256.ifPresent(v::expectManifestSha256);
        return v.call().requirePassed();
    }

    /**
     * Phase 2: copies every listed artifact (and its {@code .asc}/{@code .sig}) that is not already at the destination
     * with the same digest. Refuses before writing anything when a different object sits at a destination key and
     * {@link #overwrite} is not set.
     *
     * @throws io.releasekit.core.ConflictException naming the conflicting keys
     */
    public CopyReport copy() {
        return copier().copy(loadManifest());
    }

    /**
     * Phase 3: verifies the copied artifacts at the destination against the source manifest.
     *
     * @throws VerificationFailedException when a copied object does not match
     */
    public VerificationReport verifyDestination() {
        return new Verifier(guards, clock)
                .verify(destination, destinationPrefix)
                .manifest(loadManifest().bytes())
                .trustStoreChecksums(trustStoreChecksums)
                .onProgress(progress)
                .call()
                .requirePassed();
    }

    /**
     * Phase 4: writes the manifest's signature files, then the manifest itself (the exact source bytes, so signatures
     * still match), making the release visible.
     *
     * @throws io.releasekit.core.ConflictException when a different manifest is there and {@link #overwrite} is not set
     */
    public ManifestAction writeManifest() {
        return copier().writeManifest(loadManifest());
    }

    /** The source location, e.g. {@code s3://ferrocene-ci-artifacts/1a2b3c4/}. */
    public String sourceLocation() {
        return source.location() + sourcePrefix;
    }

    /** The destination location. */
    public String destinationLocation() {
        return destination.location() + destinationPrefix;
    }

    private LoadedManifest loadManifest() {
        return LoadedManifest.read(
                new GuardedStore(source, guards), sourcePrefix, manifestName, expectedManifestSha256);
    }

    private Copier copier() {
        return new Copier(
                new GuardedStore(source, guards),
                sourcePrefix,
                new GuardedStore(destination, guards),
                destinationPrefix,
                new Copier.Options(overwrite, dryRun, concurrency, progress));
    }
}

package io.releasekit.core.artifact;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.artifact.internal.Copier;
import io.releasekit.core.artifact.internal.GuardedArtifactStore;
import io.releasekit.core.artifact.internal.GuardedStore;
import io.releasekit.core.artifact.internal.LoadedManifest;
import io.releasekit.core.artifact.internal.ParallelDigester;
import io.releasekit.core.artifact.internal.Prefixes;
import io.releasekit.core.artifact.internal.Progress;
import io.releasekit.core.artifact.signature.SignatureCheck;
import io.releasekit.core.artifact.signature.SignaturePolicy;
import io.releasekit.core.artifact.signature.SignatureVerifier;
import io.releasekit.core.internal.Parallel;
import io.releasekit.core.service.ServiceGuards;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Verifies a location (a store and a prefix) against its manifest: every listed artifact is present with the listed
 * size and digest, objects the manifest does not list are reported as unexpected, and detached signatures are checked
 * against trusted keys. Artifacts are hashed in parallel (all cores by default), streaming through a fixed buffer per
 * worker, so memory does not grow with artifact size. Calls to the store go through its service guard.
 *
 * <pre>{@code
 * VerificationReport r = new Verifier(guards)
 *         .verify(store, "1a2b3c4/")
 *         .manifest("SHA256SUMS")
 *         .signatures(SignaturePolicy.requireManifest(keyring))
 *         .call();
 * r.requirePassed();
 * }</pre>
 */
public final class Verifier {

    /** The largest signature file read. */
    static final int MAX_SIGNATURE_BYTES = 1 << 20;

    /**
     * What a publication's record is named after its manifest ({@code SHA256SUMS.releasekit.json}); never an
     * unexpected object.
     */
    public static final String RECORD_SUFFIX = ".releasekit.json";

    /** The suffixes of detached signature files. */
    static final List<String> SIGNATURE_SUFFIXES = List.of(".asc", ".sig");

    private final ServiceGuards guards;
    private final Clock clock;

    /** A verifier whose store calls go through {@code guards}. */
    public Verifier(ServiceGuards guards) {
        this(guards, Clock.systemUTC());
    }

    /** A verifier with a clock for key-expiry decisions (tests). */
    public Verifier(ServiceGuards guards, Clock clock) {
        this.guards = Objects.requireNonNull(guards, "guards");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What hashes the files of a local store in this JVM, for start-up logs and support: {@code libcrypto (OpenSSL
     * 3.0.19 ...)} when release-core's native shim is loaded, else {@code JDK (native digest: <why not>)}.
     */
    public static String hashingEngine() {
        return ParallelDigester.engine();
    }

    /** Starts a verification of the objects below {@code prefix} in {@code store}. */
    public Command verify(ArtifactStore store, String prefix) {
        return new Command(store, Prefixes.normalize(prefix));
    }

    /** The default number of parallel workers for a store: all cores locally, at least 8 for a remote store. */
    public static int defaultConcurrency(ArtifactStore store) {
        int cores = Runtime.getRuntime().availableProcessors();
        return store.service().isPresent() ? Math.max(8, cores) : cores;
    }

    /** A single-use verification command; optional settings are chained, {@link #call()} runs it. */
    public final class Command {
        private final ArtifactStore store;
        private final String prefix;
        private String manifestName = DigestAlgorithm.SHA256.sumsFileName();
        private byte[] uploaded;
        private SignaturePolicy policy = SignaturePolicy.none();
        private boolean trustStoreChecksums;
        private int concurrency;
        private ProgressListener progress = ProgressListener.NONE;
        private Optional<String> expectedManifestSha256 = Optional.empty();
        private Map<String, ObjectInfo> vouched = Map.of();
        private Map<String, ObjectInfo> verified;
        private Map<String, ObjectInfo> listed;

        private Command(ArtifactStore store, String prefix) {
            this.store = Objects.requireNonNull(store, "store");
            this.prefix = prefix;
            this.concurrency = defaultConcurrency(store);
        }

        /** The manifest's name in the location (default {@code SHA256SUMS}); text or JSON form. */
        public Command manifest(String name) {
            this.manifestName = Objects.requireNonNull(name, "name");
            Prefixes.keyOf("", name);
            return this;
        }

        /** Verify against a manifest the caller supplies (text or JSON) instead of one in the location. */
        public Command manifest(byte[] content) {
            this.uploaded = content.clone();
            return this;
        }

        /** Which signatures to check and require (default: none). */
        public Command signatures(SignaturePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Accept the store's recorded SHA-256 (S3 checksum) instead of reading an artifact, for SHA-256 manifests
         * (default: false, every byte is read). The recorded digest comes from the listing when the store lists it,
         * else from one {@link ArtifactStore#stat} per artifact (S3: a HeadObject instead of a download). An artifact
         * with its own signature to check, or without a recorded SHA-256, is always read.
         */
        public Command trustStoreChecksums(boolean trust) {
            this.trustStoreChecksums = trust;
            return this;
        }

        /** Parallel workers (default: {@link #defaultConcurrency(ArtifactStore)}). */
        public Command concurrency(int workers) {
            if (workers < 1 || workers > 256) {
                throw new InvalidInputException("concurrency must be between 1 and 256, was " + workers);
            }
            this.concurrency = workers;
            return this;
        }

        /** Receives objects hashed and bytes read. */
        public Command onProgress(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Objects verified earlier, by name relative to the location: with {@link #trustStoreChecksums}, an artifact
         * listed with the same size and entity tag as its vouched object ({@link ObjectInfo#sameEntity}) has the
         * vouched SHA-256 without a request of its own (no HeadObject, no read). A publication vouches for the
         * destination with the source objects it verified and copied (a copy keeps the entity tag of a single-part S3
         * object), and for both with the record of an earlier publication.
         */
        public Command vouched(Map<String, ObjectInfo> objects) {
            this.vouched = Map.copyOf(objects);
            return this;
        }

        /**
         * After {@link #call()}: each listed artifact that verified {@code OK}, by name relative to the location, as the
         * store described it when it was checked (size, entity tag), with the manifest's SHA-256 when the manifest is
         * a SHA-256 one.
         */
        public Map<String, ObjectInfo> verifiedObjects() {
            if (verified == null) {
                throw new IllegalStateException("verifiedObjects() is known once call() has run");
            }
            return verified;
        }

        /**
         * After {@link #call()}: every object the location listed, by name relative to it (a publication reuses it
         * instead of listing again).
         */
        public Map<String, ObjectInfo> listing() {
            if (listed == null) {
                throw new IllegalStateException("listing() is known once call() has run");
            }
            return listed;
        }

        /**
         * Verify against this listing of the location (by relative name) instead of listing it: one the caller took
         * after the last write to the location (a publication whose copy phase wrote nothing).
         */
        public Command listed(Map<String, ObjectInfo> listing) {
            this.listed = Collections.unmodifiableMap(new LinkedHashMap<>(listing)); // keeps the listing's order
            return this;
        }

        /** Refuse (ConflictException) if the manifest no longer has this SHA-256 (it was verified by an earlier step). */
        public Command expectManifestSha256(String sha256) {
            this.expectedManifestSha256 = Optional.of(ObjectInfo.requireSha256(sha256));
            return this;
        }

        /** Runs the verification. Mismatches are in the report; see {@link VerificationReport#requirePassed()}. */
        public VerificationReport call() {
            Instant start = clock.instant();
            GuardedStore gs = new GuardedStore(store, guards);
            LoadedManifest m = uploaded != null
                    ? LoadedManifest.uploaded(uploaded)
                    : LoadedManifest.read(gs, prefix, manifestName, expectedManifestSha256);
            Map<String, ObjectInfo> statted = null;
            Map<String, ObjectInfo> listing;
            if (listed == null && statsEveryArtifact(m.manifest())) {
                // each artifact is asked for its checksum anyway: ask while the listing (only needed for unexpected
                // objects) pages through, instead of after it
                FutureTask<Map<String, ObjectInfo>> pages = new FutureTask<>(() -> Copier.listing(gs, prefix));
                Thread lister = new Thread(pages, "releasekit-list");
                lister.setDaemon(true);
                lister.start();
                statted = statAll(gs, m.manifest());
                listing = joined(pages);
            } else {
                listing = listed != null ? listed : Copier.listing(gs, prefix);
            }
            listed = Collections.unmodifiableMap(listing);
            // Only touch Bouncy Castle when signatures are checked: its signed jars cost a verification on first load.
            SignatureVerifier sv = policy.checks() ? new SignatureVerifier(policy.keyring(), clock) : null;
            List<SignatureCheck> signatures = new ArrayList<>(manifestSignatures(gs, listing, m, sv));
            Run run = new Run(gs, listing, m.manifest(), sv, statted);
            List<ArtifactCheck> checks = run.checkAll(signatures);
            verified = run.verified(checks);
            checks.addAll(unexpected(listing, m.manifest()));
            return new VerificationReport(
                    store.location() + prefix,
                    m.name(),
                    m.sha256(),
                    m.manifest().algorithm(),
                    checks,
                    signatures,
                    run.progress.bytes(),
                    Duration.between(start, clock.instant()));
        }

        /**
         * Whether every artifact will be asked for its recorded checksum: trusted checksums of a SHA-256 manifest on a
         * remote store, nothing vouched for (a first publication), no signatures to look for in the listing.
         */
        private boolean statsEveryArtifact(ArtifactManifest manifest) {
            return trustStoreChecksums
                    && manifest.algorithm() == DigestAlgorithm.SHA256
                    && vouched.isEmpty()
                    && !policy.checks()
                    && store.service().isPresent();
        }

        /** Each artifact's info as the store describes it (absent ones left out), by relative name. */
        private Map<String, ObjectInfo> statAll(GuardedStore gs, ArtifactManifest manifest) {
            List<ArtifactKey> keys = new ArrayList<>();
            for (ManifestEntry e : manifest.entries()) {
                try {
                    keys.add(Prefixes.keyOf(prefix, e.name()));
                } catch (InvalidInputException refused) {
                    // reported as REFUSED_NAME by the checks
                }
            }
            Map<String, ObjectInfo> out = new HashMap<>();
            for (Optional<ObjectInfo> stat : Parallel.map(keys, concurrency, "releasekit-stat", gs::stat)) {
                stat.ifPresent(o -> out.put(o.key().value().substring(prefix.length()), o));
            }
            return out;
        }

        private static Map<String, ObjectInfo> joined(FutureTask<Map<String, ObjectInfo>> pages) {
            try {
                return pages.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while listing", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        private List<SignatureCheck> manifestSignatures(
                GuardedStore gs, Map<String, ObjectInfo> listing, LoadedManifest m, SignatureVerifier sv) {
            if (!policy.checks()) {
                return List.of();
            }
            List<SignatureCheck> out = new ArrayList<>();
            for (String suffix : SIGNATURE_SUFFIXES) {
                String sigName = Prefixes.relative(m.name()) + suffix;
                if (uploaded == null && listing.containsKey(sigName)) {
                    byte[] sig = gs.readSmall(Prefixes.keyOf(prefix, sigName), MAX_SIGNATURE_BYTES);
                    out.add(new SignatureCheck(m.name(), Optional.of(sigName), sv.verify(sig, m.bytes())));
                }
            }
            if (out.isEmpty() && policy.manifestRequired()) {
                out.add(SignatureCheck.missing(m.name()));
            }
            return out;
        }

        private List<ArtifactCheck> unexpected(Map<String, ObjectInfo> listing, ArtifactManifest manifest) {
            Set<String> known = new HashSet<>();
            List<String> manifests = new ArrayList<>(List.of(manifestName));
            for (DigestAlgorithm a : DigestAlgorithm.values()) {
                manifests.add(a.sumsFileName());
            }
            known.add(Prefixes.relative(manifestName) + RECORD_SUFFIX);
            manifest.entries().forEach(e -> manifests.add(Prefixes.relative(e.name())));
            for (String name : manifests) {
                known.add(name);
                SIGNATURE_SUFFIXES.forEach(s -> known.add(name + s));
            }
            List<ArtifactCheck> out = new ArrayList<>();
            listing.forEach((name, info) -> {
                if (!known.contains(name) && !StagedKeys.isStaged(name)) {
                    out.add(new ArtifactCheck(
                            name,
                            ArtifactStatus.UNEXPECTED,
                            Optional.empty(),
                            info.sha256(),
                            OptionalLong.empty(),
                            OptionalLong.of(info.size()),
                            info.sha256().isPresent()));
                }
            });
            return out;
        }

        /** The per-artifact part of one verification. */
        private final class Run {
            final GuardedStore gs;
            final Map<String, ObjectInfo> listing;
            final ArtifactManifest manifest;
            final SignatureVerifier sv;
            final Progress progress;
            final Map<String, ObjectInfo> used = new HashMap<>();
            final Map<String, ObjectInfo> statted;

            Run(
                    GuardedStore gs,
                    Map<String, ObjectInfo> listing,
                    ArtifactManifest manifest,
                    SignatureVerifier sv,
                    Map<String, ObjectInfo> statted) {
                this.statted = statted;
                this.gs = gs;
                this.listing = listing;
                this.manifest = manifest;
                this.sv = sv;
                this.progress =
                        new Progress(Command.this.progress, manifest.entries().size());
            }

            List<ArtifactCheck> checkAll(List<SignatureCheck> signatures) {
                ArtifactCheck[] checks = new ArtifactCheck[manifest.entries().size()];
                List<ParallelDigester.Job> jobs = new ArrayList<>();
                List<Integer> jobIndex = new ArrayList<>();
                List<List<SignatureCheck.Pending>> jobSigs = new ArrayList<>();
                Map<String, ObjectInfo> recorded = recordedChecksums(signatures);
                for (int i = 0; i < checks.length; i++) {
                    ManifestEntry e = manifest.entries().get(i);
                    ArtifactKey key = keyOrNull(e);
                    if (key == null) {
                        checks[i] =
                                check(e, ArtifactStatus.REFUSED_NAME, Optional.empty(), OptionalLong.empty(), false);
                        progress.objectDone();
                        continue;
                    }
                    ObjectInfo info = recorded.getOrDefault(
                            Prefixes.relative(e.name()), listing.get(Prefixes.relative(e.name())));
                    if (info != null) {
                        used.put(Prefixes.relative(e.name()), info);
                    }
                    List<SignatureCheck.Pending> sigs = artifactSignatures(e, signatures);
                    checks[i] = quickCheck(e, info, sigs.isEmpty());
                    if (checks[i] == null) {
                        jobs.add(new ParallelDigester.Job(
                                () -> gs.open(key),
                                GuardedArtifactStore.unwrap(store) instanceof FileSystemArtifactStore fs
                                        ? fs.file(key)
                                        : null,
                                manifest.algorithm(),
                                sigs.stream().map(SignatureCheck.Pending::check).toList()));
                        jobIndex.add(i);
                        jobSigs.add(sigs);
                    } else {
                        progress.objectDone();
                    }
                }
                List<ParallelDigester.Digest> digests = ParallelDigester.digest(jobs, concurrency, progress);
                for (int j = 0; j < digests.size(); j++) {
                    int i = jobIndex.get(j);
                    ManifestEntry e = manifest.entries().get(i);
                    checks[i] = compare(e, listing.get(Prefixes.relative(e.name())), digests.get(j));
                    jobSigs.get(j).forEach(p -> signatures.add(p.finish()));
                }
                return new ArrayList<>(List.of(checks));
            }

            /** The infos of the artifacts that verified OK, with the manifest's SHA-256 (SHA-256 manifests). */
            Map<String, ObjectInfo> verified(List<ArtifactCheck> checks) {
                Map<String, ObjectInfo> out = new LinkedHashMap<>();
                for (int i = 0; i < manifest.entries().size(); i++) {
                    ManifestEntry e = manifest.entries().get(i);
                    ObjectInfo info = used.get(Prefixes.relative(e.name()));
                    if (checks.get(i).status() == ArtifactStatus.OK && info != null) {
                        out.put(
                                Prefixes.relative(e.name()),
                                manifest.algorithm() == DigestAlgorithm.SHA256 ? info.withSha256(e.digest()) : info);
                    }
                }
                return Collections.unmodifiableMap(out);
            }

            /**
             * When recorded checksums are trusted but the listing carries none (an S3 listing has no user metadata), the
             * stat of each artifact that could be trusted (right size, no signature of its own to check): one metadata
             * request instead of reading the whole object. An artifact whose stat has no SHA-256 either is read.
             */
            private Map<String, ObjectInfo> recordedChecksums(List<SignatureCheck> signatures) {
                if (!trustStoreChecksums || manifest.algorithm() != DigestAlgorithm.SHA256) {
                    return Map.of();
                }
                if (statted != null) { // asked while the listing paged through
                    Map<String, ObjectInfo> out = new HashMap<>();
                    statted.forEach((name, o) -> o.sha256().ifPresent(sha -> out.put(name, o)));
                    return out;
                }
                List<ArtifactKey> keys = new ArrayList<>();
                Map<String, ObjectInfo> out = new HashMap<>();
                for (ManifestEntry e : manifest.entries()) {
                    String name = Prefixes.relative(e.name());
                    ObjectInfo info = listing.get(name);
                    boolean ownSignature =
                            policy.checks() && SIGNATURE_SUFFIXES.stream().anyMatch(s -> listing.containsKey(name + s));
                    if (info == null
                            || info.sha256().isPresent()
                            || ownSignature
                            || (e.size().isPresent() && e.size().getAsLong() != info.size())) {
                        continue;
                    }
                    ObjectInfo earlier = vouched.get(name);
                    if (info.sameEntity(earlier) && earlier.sha256().isPresent()) {
                        out.put(name, info.withSha256(earlier.sha256().get())); // unchanged since it was verified
                    } else {
                        keys.add(info.key());
                    }
                }
                for (Optional<ObjectInfo> stat : Parallel.map(keys, concurrency, "releasekit-stat", gs::stat)) {
                    stat.filter(o -> o.sha256().isPresent())
                            .ifPresent(o -> out.put(o.key().value().substring(prefix.length()), o));
                }
                return out;
            }

            /** The entry's key, or {@code null} when its name is one releasekit refuses (reported, not thrown). */
            private ArtifactKey keyOrNull(ManifestEntry e) {
                try {
                    return Prefixes.keyOf(prefix, e.name());
                } catch (InvalidInputException refused) {
                    return null;
                }
            }

            private List<SignatureCheck.Pending> artifactSignatures(ManifestEntry e, List<SignatureCheck> signatures) {
                if (!policy.checks()) {
                    return List.of();
                }
                String name = Prefixes.relative(e.name());
                List<SignatureCheck.Pending> out = new ArrayList<>();
                for (String suffix : SIGNATURE_SUFFIXES) {
                    if (listing.containsKey(name + suffix)) {
                        byte[] sig = gs.readSmall(Prefixes.keyOf(prefix, name + suffix), MAX_SIGNATURE_BYTES);
                        out.add(new SignatureCheck.Pending(e.name(), name + suffix, sv.begin(sig)));
                    }
                }
                if (out.isEmpty() && policy.artifactsRequired()) {
                    signatures.add(SignatureCheck.missing(e.name()));
                }
                return out;
            }

            private ArtifactCheck quickCheck(ManifestEntry e, ObjectInfo info, boolean noSignature) {
                if (info == null) {
                    return check(e, ArtifactStatus.MISSING, Optional.empty(), OptionalLong.empty(), false);
                }
                OptionalLong actual = OptionalLong.of(info.size());
                if (e.size().isPresent() && e.size().getAsLong() != info.size()) {
                    return check(e, ArtifactStatus.SIZE_MISMATCH, Optional.empty(), actual, false);
                }
                if (trustStoreChecksums
                        && noSignature
                        && manifest.algorithm() == DigestAlgorithm.SHA256
                        && info.sha256().isPresent()) {
                    ArtifactStatus s =
                            info.sha256().get().equals(e.digest()) ? ArtifactStatus.OK : ArtifactStatus.DIGEST_MISMATCH;
                    return check(e, s, info.sha256(), actual, true);
                }
                return null;
            }

            private ArtifactCheck compare(ManifestEntry e, ObjectInfo info, ParallelDigester.Digest d) {
                if (d.isMissing()) {
                    return check(e, ArtifactStatus.MISSING, Optional.empty(), OptionalLong.empty(), false);
                }
                OptionalLong actual = OptionalLong.of(d.bytes());
                boolean sizeOk = d.bytes() == info.size()
                        && (e.size().isEmpty() || e.size().getAsLong() == d.bytes());
                ArtifactStatus s = !sizeOk
                        ? ArtifactStatus.SIZE_MISMATCH
                        : d.hex().equals(e.digest()) ? ArtifactStatus.OK : ArtifactStatus.DIGEST_MISMATCH;
                return check(e, s, Optional.of(d.hex()), actual, false);
            }

            private ArtifactCheck check(
                    ManifestEntry e,
                    ArtifactStatus s,
                    Optional<String> actualDigest,
                    OptionalLong actualSize,
                    boolean fromStore) {
                return new ArtifactCheck(
                        e.name(), s, Optional.of(e.digest()), actualDigest, e.size(), actualSize, fromStore);
            }
        }
    }
}

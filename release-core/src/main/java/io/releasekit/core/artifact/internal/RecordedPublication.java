package io.releasekit.core.artifact.internal;

import io.releasekit.core.artifact.ArtifactCheck;
import io.releasekit.core.artifact.ArtifactStatus;
import io.releasekit.core.artifact.CopyAction;
import io.releasekit.core.artifact.CopyOutcome;
import io.releasekit.core.artifact.CopyReport;
import io.releasekit.core.artifact.DigestAlgorithm;
import io.releasekit.core.artifact.ManifestEntry;
import io.releasekit.core.artifact.ObjectInfo;
import io.releasekit.core.artifact.VerificationReport;
import io.releasekit.core.artifact.Verifier;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A rerun's question before anything else: does the destination already hold this manifest's publication, intact? It
 * does when the publication record at the destination was written for exactly this manifest (its SHA-256), covers every
 * artifact with the manifest's digest and size, and one listing of the destination shows every artifact with the
 * recorded size and entity tag, no signature file the record does not cover, and the manifest itself with its bytes'
 * entity tag (or, where the entity tag is not an MD5, its bytes read back). Then nothing is copied, written or asked
 * for at the source: the source is not even listed. Anything else — a missing or changed object, a record of another
 * manifest — sends the publication down its full path, which reuses this listing.
 *
 * @param manifest the source manifest
 * @param record the record found at the destination
 * @param prefix the destination prefix
 * @param listing the destination listing, by name relative to the prefix
 */
public record RecordedPublication(
        LoadedManifest manifest, PublicationRecord record, String prefix, Map<String, ObjectInfo> listing) {

    private static final List<String> SIGNATURE_SUFFIXES = List.of(".asc", ".sig");

    /** The names a destination listing can be split by: the artifacts, the manifest and its record. */
    public static List<String> knownNames(LoadedManifest m) {
        List<String> names = new ArrayList<>();
        m.manifest().entries().forEach(e -> names.add(Prefixes.relative(e.name())));
        names.add(Prefixes.relative(m.name()));
        names.add(Prefixes.relative(m.name()) + Verifier.RECORD_SUFFIX);
        return names;
    }

    /**
     * Why the destination is not this manifest's intact publication, or empty when it is.
     *
     * @param dst the destination, to read the manifest back when its entity tag is not an MD5 of its bytes
     */
    public Optional<String> difference(GuardedStore dst) {
        if (!record.manifestSha256().equals(manifest.sha256())
                || manifest.manifest().algorithm() != DigestAlgorithm.SHA256) {
            return Optional.of("the record belongs to another manifest");
        }
        for (ManifestEntry e : manifest.manifest().entries()) {
            String name = Prefixes.relative(e.name());
            PublicationRecord.Entry r = record.objects().get(name);
            ObjectInfo listed = listing.get(name);
            if (r == null
                    || !r.sha256().equals(e.digest())
                    || e.size().isPresent() && e.size().getAsLong() != r.size()) {
                return Optional.of("'" + name + "' is not in the record as the manifest lists it");
            }
            if (listed == null) {
                return Optional.of("'" + name + "' is missing");
            }
            if (listed.size() != r.size()
                    || r.destination().isEmpty()
                    || !listed.etag().equals(Optional.of(r.destination()))) {
                return Optional.of("'" + name + "' changed since it was published");
            }
            if (SIGNATURE_SUFFIXES.stream().anyMatch(s -> listing.containsKey(name + s))) {
                return Optional.of("'" + name + "' has a signature file the record does not cover");
            }
        }
        String own = Prefixes.relative(manifest.name());
        if (SIGNATURE_SUFFIXES.stream().anyMatch(s -> listing.containsKey(own + s))) {
            return Optional.of("the manifest has a signature file the record does not cover");
        }
        return manifestPublished(dst) ? Optional.empty() : Optional.of("the manifest is not published there");
    }

    /** The checks of every artifact as recorded and listed, at {@code location}, for the reports. */
    public VerificationReport report(String location, Duration elapsed) {
        List<ArtifactCheck> checks = new ArrayList<>();
        for (ManifestEntry e : manifest.manifest().entries()) {
            PublicationRecord.Entry r = record.objects().get(Prefixes.relative(e.name()));
            checks.add(new ArtifactCheck(
                    e.name(),
                    ArtifactStatus.OK,
                    Optional.of(e.digest()),
                    Optional.of(r.sha256()),
                    e.size(),
                    OptionalLong.of(r.size()),
                    true));
        }
        return new VerificationReport(
                location,
                manifest.name(),
                manifest.sha256(),
                manifest.manifest().algorithm(),
                checks,
                List.of(),
                0,
                elapsed);
    }

    /** Every artifact skipped as identical, from {@code sourcePrefix} to this destination. */
    public CopyReport skipped(String sourcePrefix, boolean dryRun) {
        List<CopyOutcome> outcomes = new ArrayList<>();
        for (ManifestEntry e : manifest.manifest().entries()) {
            String name = Prefixes.relative(e.name());
            outcomes.add(new CopyOutcome(
                    name,
                    Prefixes.keyOf(sourcePrefix, name),
                    Prefixes.keyOf(prefix, name),
                    record.objects().get(name).size(),
                    CopyAction.SKIPPED_IDENTICAL));
        }
        return new CopyReport(outcomes, 0, dryRun);
    }

    /** The manifest at the destination has the source manifest's bytes: by its MD5 entity tag, else read back. */
    private boolean manifestPublished(GuardedStore dst) {
        ObjectInfo listed = listing.get(Prefixes.relative(manifest.name()));
        if (listed == null || listed.size() != manifest.bytes().length) {
            return false;
        }
        Optional<String> etag = listed.etag();
        Optional<String> md5 = md5(manifest.bytes());
        if (etag.isPresent() && etag.get().matches("[0-9a-f]{32}") && md5.isPresent()) {
            return etag.equals(md5);
        }
        return Arrays.equals(dst.readSmall(listed.key(), manifest.bytes().length), manifest.bytes());
    }

    private static Optional<String> md5(byte[] bytes) {
        try {
            return Optional.of(
                    HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)));
        } catch (NoSuchAlgorithmException fips) {
            return Optional.empty(); // a JVM without MD5 (FIPS): the manifest is read back instead
        }
    }
}

package io.releasekit.core.artifact;

import io.releasekit.core.artifact.signature.SignatureCheck;
import io.releasekit.core.artifact.signature.SignatureRefusedException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The result of verifying a location against a manifest: one check per listed artifact (and per unexpected object),
 * and one per signature checked.
 *
 * @param location the verified location, e.g. {@code s3://ferrocene-ci-artifacts/1a2b3c4/}
 * @param manifestName the manifest's name in the location, or {@code (uploaded)} for a manifest given by the caller
 * @param manifestSha256 the SHA-256 of the manifest bytes verified against, to detect a change between steps
 * @param algorithm the manifest's algorithm
 * @param artifacts listed artifacts in manifest order, then unexpected objects by name
 * @param signatures the signature checks made
 * @param bytesHashed bytes read and hashed
 * @param elapsed wall time of the verification
 */
public record VerificationReport(
        String location,
        String manifestName,
        String manifestSha256,
        DigestAlgorithm algorithm,
        List<ArtifactCheck> artifacts,
        List<SignatureCheck> signatures,
        long bytesHashed,
        Duration elapsed) {

    public VerificationReport {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(manifestName, "manifestName");
        Objects.requireNonNull(manifestSha256, "manifestSha256");
        Objects.requireNonNull(algorithm, "algorithm");
        artifacts = List.copyOf(artifacts);
        signatures = List.copyOf(signatures);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Whether every listed artifact is OK and every checked signature is valid (unexpected objects do not fail). */
    public boolean passed() {
        return problems().isEmpty() && refusedSignatures().isEmpty();
    }

    /** Listed artifacts that are not OK. */
    public List<ArtifactCheck> problems() {
        return artifacts.stream()
                .filter(a -> a.status() != ArtifactStatus.OK && a.status() != ArtifactStatus.UNEXPECTED)
                .toList();
    }

    /** Objects in the location that the manifest does not list. */
    public List<ArtifactCheck> unexpected() {
        return artifacts.stream()
                .filter(a -> a.status() == ArtifactStatus.UNEXPECTED)
                .toList();
    }

    /** Signature checks that were refused. */
    public List<SignatureCheck> refusedSignatures() {
        return signatures.stream().filter(s -> !s.result().valid()).toList();
    }

    /** How many artifacts have this status. */
    public long count(ArtifactStatus status) {
        return artifacts.stream().filter(a -> a.status() == status).count();
    }

    /** A one-line summary, e.g. {@code 200 OK, 1 DIGEST_MISMATCH, 0 MISSING, 2 UNEXPECTED; 1 signature(s) valid}. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        for (ArtifactStatus s : ArtifactStatus.values()) {
            long n = count(s);
            if (n > 0 || s == ArtifactStatus.OK) {
                b.append(b.isEmpty() ? "" : ", ").append(n).append(' ').append(s);
            }
        }
        long valid = signatures.stream().filter(s -> s.result().valid()).count();
        b.append("; ").append(valid).append(" signature(s) valid");
        if (!refusedSignatures().isEmpty()) {
            b.append(", ").append(refusedSignatures().size()).append(" refused");
        }
        return b.toString();
    }

    /**
     * Throws unless the verification {@link #passed()}.
     *
     * @throws SignatureRefusedException when a signature was refused
     * @throws VerificationFailedException when an artifact is missing or does not match
     */
    public VerificationReport requirePassed() {
        if (!refusedSignatures().isEmpty()) {
            throw new SignatureRefusedException(location, refusedSignatures());
        }
        if (!problems().isEmpty()) {
            throw new VerificationFailedException(this);
        }
        return this;
    }
}

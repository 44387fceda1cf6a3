package io.releasekit.api.artifact;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.artifact.ArtifactCheck;
import io.releasekit.core.artifact.VerificationReport;
import io.releasekit.core.artifact.signature.SignatureCheck;
import io.releasekit.core.artifact.signature.SignatureResult;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The per-artifact report of a verification.
 *
 * @param location the verified location
 * @param manifest the manifest's name, or {@code (uploaded)}
 * @param manifestSha256 the manifest's SHA-256
 * @param algorithm sha256 or sha512
 * @param passed every listed artifact OK and every checked signature valid
 * @param summary counts per status
 * @param artifacts one entry per listed artifact, then unexpected objects
 * @param signatures the signatures checked
 * @param bytesHashed bytes read
 * @param elapsedMillis wall time
 */
@Serdeable
@Schema(name = "Verification")
public record VerificationView(
        String location,
        String manifest,
        String manifestSha256,
        String algorithm,
        boolean passed,
        String summary,
        List<Artifact> artifacts,
        List<Signature> signatures,
        long bytesHashed,
        long elapsedMillis) {

    static VerificationView of(VerificationReport r) {
        return new VerificationView(
                r.location(),
                r.manifestName(),
                r.manifestSha256(),
                r.algorithm().id(),
                r.passed(),
                r.summary(),
                r.artifacts().stream().map(Artifact::of).toList(),
                r.signatures().stream().map(Signature::of).toList(),
                r.bytesHashed(),
                r.elapsed().toMillis());
    }

    /**
     * One artifact.
     *
     * @param name name relative to the location
     * @param status OK, DIGEST_MISMATCH, SIZE_MISMATCH, MISSING or UNEXPECTED
     * @param expectedDigest listed digest
     * @param actualDigest digest found
     * @param expectedSize listed size
     * @param actualSize size found
     * @param storeChecksum whether the actual digest is the store's recorded checksum
     */
    @Serdeable
    @Schema(name = "ArtifactVerification")
    public record Artifact(
            String name,
            @Schema(
                            allowableValues = {"OK", "DIGEST_MISMATCH", "SIZE_MISMATCH", "MISSING", "UNEXPECTED"},
                            requiredMode = Schema.RequiredMode.REQUIRED)
                    String status,
            @Nullable String expectedDigest,
            @Nullable String actualDigest,
            @Nullable Long expectedSize,
            @Nullable Long actualSize,
            boolean storeChecksum) {
        static Artifact of(ArtifactCheck c) {
            return new Artifact(
                    c.name(),
                    c.status().name(),
                    c.expectedDigest().orElse(null),
                    c.actualDigest().orElse(null),
                    c.expectedSize().isPresent() ? c.expectedSize().getAsLong() : null,
                    c.actualSize().isPresent() ? c.actualSize().getAsLong() : null,
                    c.storeChecksum());
        }
    }

    /**
     * One signature check.
     *
     * @param signed the signed file
     * @param signatureFile the signature file, absent when missing
     * @param valid whether it was accepted
     * @param reason why it was refused (MISSING, UNKNOWN_KEY, BAD_SIGNATURE, KEY_EXPIRED, KEY_REVOKED, MALFORMED,
     *     NOT_YET_VALID)
     * @param fingerprint the signing key's fingerprint when valid
     * @param detail a sentence
     */
    @Serdeable
    @Schema(name = "SignatureVerification")
    public record Signature(
            String signed,
            @Nullable String signatureFile,
            boolean valid,
            @Nullable String reason,
            @Nullable String fingerprint,
            String detail) {
        static Signature of(SignatureCheck c) {
            if (c.result() instanceof SignatureResult.Valid v) {
                return new Signature(
                        c.signedName(), c.signatureName().orElse(null), true, null, v.fingerprint(), v.describe());
            }
            SignatureResult.Refused r = (SignatureResult.Refused) c.result();
            return new Signature(
                    c.signedName(),
                    c.signatureName().orElse(null),
                    false,
                    r.reason().name(),
                    null,
                    r.message());
        }
    }
}

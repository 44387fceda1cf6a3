package io.releasekit.core.artifact.signature;

import java.util.Objects;
import java.util.Optional;

/**
 * The check of the detached signature of one signed file.
 *
 * @param signedName the signed file's name relative to the location (the manifest or an artifact)
 * @param signatureName the signature file's name ({@code SHA256SUMS.asc}), empty when it is missing
 * @param result valid or refused
 */
public record SignatureCheck(String signedName, Optional<String> signatureName, SignatureResult result) {

    public SignatureCheck {
        Objects.requireNonNull(signedName, "signedName");
        Objects.requireNonNull(signatureName, "signatureName");
        Objects.requireNonNull(result, "result");
    }

    /** A required signature that does not exist. */
    public static SignatureCheck missing(String signedName) {
        return new SignatureCheck(
                signedName,
                Optional.empty(),
                new SignatureResult.Refused(
                        SignatureRefusal.MISSING, "no " + signedName + ".asc or " + signedName + ".sig"));
    }

    /** A one-line description, e.g. {@code SHA256SUMS.asc: KEY_EXPIRED: ...}. */
    public String describe() {
        return signatureName.orElse(signedName) + ": " + result.describe();
    }

    /**
     * A check whose signed data is still being fed (while the artifact is hashed).
     *
     * @param signedName the signed file's name
     * @param signatureName the signature file's name
     * @param check the streaming check
     */
    public record Pending(String signedName, String signatureName, SignatureVerifier.DetachedCheck check) {
        /** The finished check. */
        public SignatureCheck finish() {
            return new SignatureCheck(signedName, Optional.of(signatureName), check.finish());
        }
    }
}

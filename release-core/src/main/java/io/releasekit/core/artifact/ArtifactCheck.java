package io.releasekit.core.artifact;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The verification of one artifact.
 *
 * @param name the name relative to the location, as the manifest lists it
 * @param status the verdict
 * @param expectedDigest the listed digest (empty for an unexpected object)
 * @param actualDigest the digest found (empty when missing or not hashed)
 * @param expectedSize the listed size, when the manifest records sizes
 * @param actualSize the size found (empty when missing)
 * @param storeChecksum whether the actual digest is the store's recorded checksum rather than a hash of the bytes
 */
public record ArtifactCheck(
        String name,
        ArtifactStatus status,
        Optional<String> expectedDigest,
        Optional<String> actualDigest,
        OptionalLong expectedSize,
        OptionalLong actualSize,
        boolean storeChecksum) {

    public ArtifactCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expectedDigest, "expectedDigest");
        Objects.requireNonNull(actualDigest, "actualDigest");
        Objects.requireNonNull(expectedSize, "expectedSize");
        Objects.requireNonNull(actualSize, "actualSize");
    }

    /** Whether the artifact is present and matches. */
    public boolean ok() {
        return status == ArtifactStatus.OK;
    }

    /** A one-line description, e.g. {@code DIGEST_MISMATCH a.zip: expected 9f86..., found 2c26...}. */
    public String describe() {
        return switch (status) {
            case OK -> "OK " + name;
            case MISSING -> "MISSING " + name;
            case REFUSED_NAME ->
                "REFUSED_NAME " + name.replace("\n", "\\n").replace("\r", "\\r")
                        + " (not read: an absolute name, a '..' segment, a backslash or a control character)";
            case UNEXPECTED -> "UNEXPECTED " + name + " (not in the manifest)";
            case SIZE_MISMATCH ->
                "SIZE_MISMATCH " + name + ": expected " + expectedSize.orElse(-1) + " bytes, found "
                        + actualSize.orElse(-1);
            case DIGEST_MISMATCH ->
                "DIGEST_MISMATCH " + name + ": expected " + expectedDigest.orElse("?") + ", found "
                        + actualDigest.orElse("?");
        };
    }
}

package io.releasekit.core.artifact;

/** The verdict on one artifact of a verification. */
public enum ArtifactStatus {
    /** Present with the listed size (when listed) and digest. */
    OK,
    /** Present with the listed size, but its digest differs. */
    DIGEST_MISMATCH,
    /** Present, but its size differs from the listed one (not hashed). */
    SIZE_MISMATCH,
    /** Listed in the manifest, absent from the location. */
    MISSING,
    /** In the location, but not listed (manifests and signature files excepted). Never published. */
    UNEXPECTED
}

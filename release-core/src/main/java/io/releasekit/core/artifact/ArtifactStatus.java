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
    /**
     * Listed in the manifest under a name releasekit refuses to read (absolute, with a {@code ..} segment, a backslash
     * or a control character): not read, a failure; the other entries are still verified, as {@code sha256sum -c}
     * does.
     */
    REFUSED_NAME,
    /** In the location, but not listed (manifests and signature files excepted). Never published. */
    UNEXPECTED
}

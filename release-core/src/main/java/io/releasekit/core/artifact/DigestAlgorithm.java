package io.releasekit.core.artifact;

import io.releasekit.core.InvalidInputException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/** The digest algorithms a manifest may use: the SHA-2 pair that {@code sha256sum} and {@code sha512sum} write. */
public enum DigestAlgorithm {
    /** SHA-256: {@code SHA256SUMS}, 64 hex digits. */
    SHA256("sha256", "SHA-256", "SHA256", 64),
    /** SHA-512: {@code SHA512SUMS}, 128 hex digits. */
    SHA512("sha512", "SHA-512", "SHA512", 128);

    private final String id;
    private final String jcaName;
    private final String tag;
    private final int hexLength;

    DigestAlgorithm(String id, String jcaName, String tag, int hexLength) {
        this.id = id;
        this.jcaName = jcaName;
        this.tag = tag;
        this.hexLength = hexLength;
    }

    /** The lower-case id used in JSON manifests and parameters: {@code sha256}, {@code sha512}. */
    public String id() {
        return id;
    }

    /** The tag of the BSD-style line ({@code SHA256 (name) = ...}), also the prefix of the sums file name. */
    public String tag() {
        return tag;
    }

    /** The number of hex digits of a digest. */
    public int hexLength() {
        return hexLength;
    }

    /** The conventional manifest file name: {@code SHA256SUMS} or {@code SHA512SUMS}. */
    public String sumsFileName() {
        return tag + "SUMS";
    }

    /** A new digest instance (the JDK's, which uses the CPU's SHA instructions where it has them). */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no " + jcaName, e);
        }
    }

    /**
     * The algorithm with this id ({@code sha256}, {@code SHA-256} and {@code SHA256} are accepted alike).
     *
     * @throws InvalidInputException naming the accepted ids
     */
    public static DigestAlgorithm of(String id) {
        String norm = id == null ? "" : id.replace("-", "").toLowerCase(java.util.Locale.ROOT);
        return Arrays.stream(values())
                .filter(a -> a.id.equals(norm))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        "digest algorithm '" + id + "' is not supported; use sha256 or sha512"));
    }

    /** The algorithm whose hex digests have this length, if any. */
    public static Optional<DigestAlgorithm> ofHexLength(int length) {
        return Arrays.stream(values()).filter(a -> a.hexLength == length).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}

package io.releasekit.aws.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/** SHA-256 helpers: S3 wants base64, releasekit speaks lower-case hex. */
public final class Digests {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private Digests() {}

    /** A fresh SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** Lower-case hex of a digest. */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** The base64 form S3 expects in {@code x-amz-checksum-sha256} of a hex digest. */
    public static String base64OfHex(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    /** The base64 form of raw digest bytes. */
    public static String base64(byte[] digest) {
        return Base64.getEncoder().encodeToString(digest);
    }

    /**
     * The hex form of an S3 full-object {@code ChecksumSHA256}; empty for a composite checksum ({@code ...-3}) or
     * anything that is not 32 bytes of base64.
     */
    public static Optional<String> hexOfBase64(String base64) {
        if (base64 == null || base64.contains("-")) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getDecoder().decode(base64);
            return raw.length == 32 ? Optional.of(hex(raw)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The value if it is 64 lower-case hex digits, else empty (foreign or damaged metadata is ignored). */
    public static Optional<String> validHex(String value) {
        return value != null && HEX64.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }
}

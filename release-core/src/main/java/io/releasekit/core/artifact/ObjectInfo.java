package io.releasekit.core.artifact;

import io.releasekit.core.InvalidInputException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a store knows about one object without reading it.
 *
 * @param key the object's key
 * @param size its size in bytes
 * @param sha256 its SHA-256 as 64 lower-case hex digits, when the store recorded one at upload
 * @param lastModified when it was last written, if known
 */
public record ObjectInfo(ArtifactKey key, long size, Optional<String> sha256, Optional<Instant> lastModified) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public ObjectInfo {
        Objects.requireNonNull(key, "key");
        if (size < 0) {
            throw new InvalidInputException("size of " + key + " is negative: " + size);
        }
        sha256 = Objects.requireNonNull(sha256, "sha256");
        sha256.ifPresent(ObjectInfo::requireSha256);
        lastModified = Objects.requireNonNull(lastModified, "lastModified");
    }

    /** Checks a hex SHA-256 digest (64 lower-case hex digits). */
    public static String requireSha256(String hex) {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new InvalidInputException("'" + hex + "' is not a SHA-256 digest (64 lower-case hex digits)");
        }
        return hex;
    }
}

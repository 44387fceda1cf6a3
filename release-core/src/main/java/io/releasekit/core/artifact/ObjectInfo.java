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
 * @param etag the store's entity tag (S3: the ETag without quotes), when it has one: any rewrite of the object changes
 *     it (S3 computes it from the bytes, or makes a new one per write), and a listing carries it, so it tells without a
 *     request per object whether an object is still the one that was verified
 */
public record ObjectInfo(
        ArtifactKey key, long size, Optional<String> sha256, Optional<Instant> lastModified, Optional<String> etag) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public ObjectInfo {
        Objects.requireNonNull(key, "key");
        if (size < 0) {
            throw new InvalidInputException("size of " + key + " is negative: " + size);
        }
        sha256 = Objects.requireNonNull(sha256, "sha256");
        sha256.ifPresent(ObjectInfo::requireSha256);
        lastModified = Objects.requireNonNull(lastModified, "lastModified");
        etag = Objects.requireNonNull(etag, "etag").filter(e -> !e.isEmpty());
    }

    /** An object without an entity tag (a local file, a store that has none). */
    public ObjectInfo(ArtifactKey key, long size, Optional<String> sha256, Optional<Instant> lastModified) {
        this(key, size, sha256, lastModified, Optional.empty());
    }

    /** This info with a recorded SHA-256 (from a stat, a copy response or a record of an earlier verification). */
    public ObjectInfo withSha256(String hex) {
        return new ObjectInfo(key, size, Optional.of(requireSha256(hex)), lastModified, etag);
    }

    /**
     * Whether {@code other} is the same stored object as far as size and entity tag tell: both have an entity tag and
     * the tags and sizes are equal (false when either has no tag).
     */
    public boolean sameEntity(ObjectInfo other) {
        return other != null && etag.isPresent() && etag.equals(other.etag) && size == other.size;
    }

    /** Checks a hex SHA-256 digest (64 lower-case hex digits). */
    public static String requireSha256(String hex) {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new InvalidInputException("'" + hex + "' is not a SHA-256 digest (64 lower-case hex digits)");
        }
        return hex;
    }
}

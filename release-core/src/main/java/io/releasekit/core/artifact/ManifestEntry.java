package io.releasekit.core.artifact;

import io.releasekit.core.InvalidInputException;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One line of a manifest: a file name relative to the manifest's location, its expected digest, and its size when the
 * manifest records one (JSON manifests do, {@code SHA256SUMS} files do not).
 *
 * @param name the file name as listed, e.g. {@code ferrocene-1.0.tar.xz}; any characters but NUL (the text form
 *     escapes backslash, newline and carriage return as GNU coreutils does)
 * @param digest the expected digest as lower-case hex (upper-case input is normalised)
 * @param size the expected size in bytes, when known
 * @param binary whether the text form marks the line as binary ({@code *}); informative only, digests are always over
 *     the raw bytes
 */
public record ManifestEntry(String name, String digest, OptionalLong size, boolean binary) {

    public ManifestEntry {
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException("a manifest entry has an empty file name");
        }
        if (name.indexOf('\0') >= 0) {
            throw new InvalidInputException("manifest entry name contains NUL: '" + name.replace('\0', '?') + "'");
        }
        Objects.requireNonNull(digest, "digest");
        digest = digest.toLowerCase(Locale.ROOT);
        if (digest.isEmpty() || !digest.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new InvalidInputException("digest of '" + name + "' is not hex: '" + digest + "'");
        }
        size = Objects.requireNonNull(size, "size");
        if (size.isPresent() && size.getAsLong() < 0) {
            throw new InvalidInputException("size of '" + name + "' is negative: " + size.getAsLong());
        }
    }

    /** An entry without a recorded size, in binary mode (what {@code sha256sum -b} writes). */
    public static ManifestEntry of(String name, String digest) {
        return new ManifestEntry(name, digest, OptionalLong.empty(), true);
    }

    /** An entry with a recorded size. */
    public static ManifestEntry of(String name, String digest, long size) {
        return new ManifestEntry(name, digest, OptionalLong.of(size), true);
    }
}

package io.releasekit.core.artifact;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.artifact.internal.JsonManifestFormat;
import io.releasekit.core.artifact.internal.SumsFormat;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The list of files of a release with their digests: the GNU {@code SHA256SUMS} / {@code SHA512SUMS} text format (as
 * {@code sha256sum} writes and {@code sha256sum -c} reads it, escaped names included) or a JSON form that also records
 * sizes:
 *
 * <pre>{@code
 * {"algorithm":"sha256","artifacts":[{"name":"ferrocene-1.0.tar.xz","size":1048576,"sha256":"9f86d0..."}]}
 * }</pre>
 *
 * Names are unique; each digest has the length of the manifest's algorithm.
 *
 * @param algorithm the digest algorithm of every entry
 * @param entries the entries, in file order
 */
public record ArtifactManifest(DigestAlgorithm algorithm, List<ManifestEntry> entries) {

    /** The largest manifest accepted when reading one from a store or a request (64 MiB). */
    public static final int MAX_BYTES = 64 * 1024 * 1024;

    public ArtifactManifest {
        Objects.requireNonNull(algorithm, "algorithm");
        entries = List.copyOf(entries);
        Map<String, ManifestEntry> seen = new LinkedHashMap<>();
        for (ManifestEntry e : entries) {
            if (e.digest().length() != algorithm.hexLength()) {
                throw new InvalidInputException("digest of '" + e.name() + "' has "
                        + e.digest().length() + " hex digits; " + algorithm + " has " + algorithm.hexLength());
            }
            if (seen.put(e.name(), e) != null) {
                throw new InvalidInputException("manifest lists '" + e.name() + "' twice");
            }
        }
    }

    /** A manifest of these entries. */
    public static ArtifactManifest of(DigestAlgorithm algorithm, List<ManifestEntry> entries) {
        return new ArtifactManifest(algorithm, entries);
    }

    /**
     * Reads a manifest in either form: JSON when the first non-blank character is <code>{</code>, else the GNU text
     * form, whose algorithm follows from the digests' length (64 hex digits: SHA-256, 128: SHA-512).
     *
     * @throws InvalidInputException naming the line or offset of the first problem
     */
    public static ArtifactManifest parse(byte[] content) {
        for (byte b : content) {
            if (b == '{') {
                return parseJson(content);
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                break;
            }
        }
        return parseSums(content);
    }

    /** Reads the GNU text form ({@code sha256sum} / {@code sha512sum} output, text or binary markers, tagged lines). */
    public static ArtifactManifest parseSums(byte[] content) {
        requireSize(content);
        return SumsFormat.parse(content);
    }

    /** Reads the JSON form; unknown fields, duplicate keys and anything beyond the schema are refused. */
    public static ArtifactManifest parseJson(byte[] content) {
        requireSize(content);
        return JsonManifestFormat.parse(content);
    }

    /** Writes the GNU text form, accepted by {@code sha256sum -c} / {@code sha512sum -c}. */
    public byte[] toSums() {
        return SumsFormat.write(this).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes the JSON form.
     *
     * @throws InvalidInputException when an entry has no size (the JSON form records every size)
     */
    public byte[] toJson() {
        return JsonManifestFormat.write(this).getBytes(StandardCharsets.UTF_8);
    }

    /** The entry with this name, if listed. */
    public Optional<ManifestEntry> entry(String name) {
        return Optional.ofNullable(byName().get(name));
    }

    /** The entries by name, in file order. */
    public Map<String, ManifestEntry> byName() {
        Map<String, ManifestEntry> m = new LinkedHashMap<>();
        entries.forEach(e -> m.put(e.name(), e));
        return Collections.unmodifiableMap(m);
    }

    /** The sum of the recorded sizes (entries without a size count as 0). */
    public long totalSize() {
        return entries.stream().mapToLong(e -> e.size().orElse(0)).sum();
    }

    private static void requireSize(byte[] content) {
        if (content.length > MAX_BYTES) {
            throw new InvalidInputException(
                    "manifest is " + content.length + " bytes; at most " + MAX_BYTES + " are accepted");
        }
    }
}

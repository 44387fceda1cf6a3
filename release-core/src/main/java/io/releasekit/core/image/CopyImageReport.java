package io.releasekit.core.image;

import java.util.List;
import java.util.Objects;

/**
 * What copying an image by digest did (or, in a dry run, would do).
 *
 * @param source the source, {@code <registry name>/<repository>@<digest>}
 * @param target the target, {@code <registry name>/<repository>}
 * @param digest the digest of the top manifest, the same in source and target
 * @param blobs each distinct blob and how it was transferred
 * @param manifests the manifests written (children of an index first, the top manifest last)
 * @param tags the tags set on the digest in the target
 * @param dryRun whether nothing was written
 */
public record CopyImageReport(
        String source,
        String target,
        ImageDigest digest,
        List<BlobTransfer> blobs,
        List<ImageDigest> manifests,
        List<String> tags,
        boolean dryRun) {

    /** Copies the lists. */
    public CopyImageReport {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(digest, "digest");
        blobs = List.copyOf(blobs);
        manifests = List.copyOf(manifests);
        tags = List.copyOf(tags);
    }

    /** Layer and config bytes that passed through releasekit (streamed blobs). */
    public long bytesStreamed() {
        return blobs.stream()
                .filter(b -> b.how() == BlobTransfer.How.STREAMED)
                .mapToLong(b -> b.blob().size())
                .sum();
    }

    /** How many blobs were transferred the given way. */
    public long count(BlobTransfer.How how) {
        return blobs.stream().filter(b -> b.how() == how).count();
    }
}

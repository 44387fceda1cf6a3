package io.releasekit.core.image;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a retention run removes from one repository, and why everything else stays. A dry run shows it; the real run
 * removes exactly these entries.
 *
 * @param registry the registry's name
 * @param repository the repository
 * @param removals what is removed
 * @param kept every tag that stays, with the reason
 */
public record RetentionPlan(String registry, String repository, List<Removal> removals, List<Kept> kept) {

    /** Copies the lists. */
    public RetentionPlan {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        removals = List.copyOf(removals);
        kept = List.copyOf(kept);
    }

    /** Bytes the removals free, counting each digest once (blobs shared with kept images are not freed). */
    public long bytes() {
        return removals.stream()
                .filter(r -> r.kind() == Removal.Kind.MANIFEST)
                .mapToLong(Removal::size)
                .sum();
    }

    /**
     * One removal.
     *
     * @param kind whether the manifest (with all its tags) or one tag alone goes
     * @param digest the manifest
     * @param tags the tags that go: every tag of the digest for a manifest removal, one for a tag removal
     * @param created the image's build time, if known
     * @param size the manifest's size plus its blobs
     */
    public record Removal(Kind kind, ImageDigest digest, List<String> tags, Optional<Instant> created, long size) {

        /** What is deleted. */
        public enum Kind {
            /** The manifest, and with it every tag that names it. */
            MANIFEST,
            /** One tag; the manifest stays (it is named by a kept tag, or the registry removes it itself). */
            TAG
        }

        /** Copies the tags. */
        public Removal {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(digest, "digest");
            tags = List.copyOf(tags);
            Objects.requireNonNull(created, "created");
        }
    }

    /**
     * A tag that stays.
     *
     * @param tag the tag
     * @param digest its manifest
     * @param reason the rule that keeps it
     */
    public record Kept(String tag, ImageDigest digest, String reason) {
        public Kept {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(reason, "reason");
        }
    }
}

package io.releasekit.core.image;

import java.util.Locale;
import java.util.Set;

/**
 * How firmly an image reference pins its image: by {@link #DIGEST}, by a {@link #SEMVER} tag, by a {@link #MOVING}
 * tag ({@code latest}, {@code master}, ..., no tag at all), or by some {@link #OTHER} tag ({@code bookworm-slim},
 * {@code 12.5}). The release checks accept the first two only.
 */
public enum ImagePin {
    /** Pinned by digest ({@code @sha256:...}), whatever the tag says. */
    DIGEST,
    /** A SemVer 2.0.0 tag, optionally with a leading {@code v}: {@code 1.2.3}, {@code v2.0.0-rc.1}. */
    SEMVER,
    /** A tag that moves by design, or no tag (which means {@code latest}). */
    MOVING,
    /** Any other tag: not known to move, but not a release version either. */
    OTHER;

    /** The tags that move by design, refused everywhere: latest, master, main, stable, edge. */
    public static final Set<String> DEFAULT_MOVING = Set.of("latest", "master", "main", "stable", "edge");

    /** Whether the release checks accept this pin. */
    public boolean accepted() {
        return this == DIGEST || this == SEMVER;
    }

    /**
     * Classifies a reference.
     *
     * @param ref the reference
     * @param moving tags that count as moving besides {@link #DEFAULT_MOVING} (compared ignoring case)
     */
    public static ImagePin of(ImageReference ref, Set<String> moving) {
        if (ref.digest().isPresent()) {
            return DIGEST;
        }
        if (ref.tag().isEmpty()) {
            return MOVING;
        }
        return ofTag(ref.tag().get(), moving);
    }

    /** Classifies a tag alone (see {@link #of}). */
    public static ImagePin ofTag(String tag, Set<String> moving) {
        String lower = tag.toLowerCase(Locale.ROOT);
        if (DEFAULT_MOVING.contains(lower)
                || moving.stream().anyMatch(m -> m.toLowerCase(Locale.ROOT).equals(lower))) {
            return MOVING;
        }
        return RetentionPlanner.isSemVer(tag) ? SEMVER : OTHER;
    }

    /** Why a reference with this pin is refused, for findings. */
    public static String refusal(ImageReference ref, ImagePin pin) {
        if (ref.tag().isEmpty() && pin == MOVING) {
            return "no tag, which means 'latest' (a moving target): pin a SemVer tag or a digest";
        }
        String tag = ref.tag().orElse("");
        return pin == MOVING
                ? "tag '" + tag + "' is a moving target: pin a SemVer tag or a digest"
                : "tag '" + tag + "' is not a SemVer version: pin a SemVer tag or a digest";
    }
}

package io.releasekit.core.image;

import io.releasekit.core.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which tags of a repository to keep. A tag is kept when any rule keeps it; every other tag is removed, but only when
 * it is older than {@link #minAge()}, and never when its digest is also named by a kept tag.
 *
 * @param keepNewest how many of the newest tags (by build time) to keep
 * @param keepSemVer whether every tag that is a SemVer version (with or without a {@code v}) is kept
 * @param keepPatterns regular expressions; a tag matching one whole is kept
 * @param protectedTags tags (e.g. {@code stable}, {@code main}) whose images are kept, with every tag of their digests
 * @param minAge a tag younger than this is kept
 */
public record RetentionPolicy(
        int keepNewest, boolean keepSemVer, List<String> keepPatterns, Set<String> protectedTags, Duration minAge) {

    /** Validates the parts. */
    public RetentionPolicy {
        if (keepNewest < 0) {
            throw new InvalidInputException("keepNewest must not be negative, was " + keepNewest);
        }
        keepPatterns = List.copyOf(keepPatterns);
        for (String p : keepPatterns) {
            try {
                Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                throw new InvalidInputException(
                        "keep pattern '" + p + "' is not a regular expression: " + e.getDescription());
            }
        }
        protectedTags = Set.copyOf(protectedTags);
        Objects.requireNonNull(minAge, "minAge");
        if (minAge.isNegative()) {
            throw new InvalidInputException("minAge must not be negative, was " + minAge);
        }
    }
}

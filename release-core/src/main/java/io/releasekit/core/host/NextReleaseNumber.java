package io.releasekit.core.host;

import io.releasekit.core.version.Bump;
import io.releasekit.core.version.SemVer;
import io.releasekit.core.version.TagScheme;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The next release of a repository, numbered from the last one: the highest tag of the scheme among the repository's
 * tags and published releases, raised by the bump ({@code release-0.1.1} → {@code release-0.1.2}, {@code v1.4.0} →
 * {@code v1.4.1} / {@code v1.5.0} / {@code v2.0.0}). A draft already waiting at that tag is reported, so that creating
 * the release returns it instead of adding a second one.
 *
 * @param previousTag the highest existing release tag, if any
 * @param tag the tag of the next release
 * @param version its version
 * @param existingDraft a draft release already at {@code tag}
 */
public record NextReleaseNumber(
        Optional<String> previousTag, String tag, SemVer version, Optional<Release> existingDraft) {

    public NextReleaseNumber {
        Objects.requireNonNull(previousTag, "previousTag");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(existingDraft, "existingDraft");
    }

    /** Computes the next release from the repository's tags and releases. */
    public static NextReleaseNumber of(
            TagScheme scheme, Bump bump, Collection<String> tags, Collection<Release> releases) {
        Set<String> taken = new LinkedHashSet<>(tags);
        releases.stream().filter(r -> !r.draft()).map(Release::tag).forEach(taken::add);
        TagScheme.NextRelease next = scheme.next(taken, bump);
        Optional<Release> draft = releases.stream()
                .filter(r -> r.draft() && r.tag().equals(next.tag()))
                .findFirst();
        return new NextReleaseNumber(next.previousTag(), next.tag(), next.version(), draft);
    }
}

package io.releasekit.core.version;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.internal.GitRefNames;
import io.releasekit.core.internal.Text;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * How release tags are named: a fixed prefix followed by a SemVer version ({@code v1.2.3}, {@code release-0.1.2},
 * {@code aether-2.1.0}). Tags that do not follow the scheme are ignored, never guessed at.
 *
 * @param prefix the text before the version; may be empty
 */
public record TagScheme(String prefix) {

    public TagScheme {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.length() > 100) {
            throw new InvalidInputException("tag prefix is " + prefix.length() + " characters long; at most 100");
        }
        if (!prefix.isEmpty() && GitRefNames.problem(prefix + "0.0.0").isPresent()) {
            throw new InvalidInputException(
                    "tag prefix '" + Text.printable(prefix, 80) + "' cannot start a git tag name");
        }
    }

    /** A scheme with the given prefix. */
    public static TagScheme of(String prefix) {
        return new TagScheme(prefix);
    }

    /** The tag name of a version. */
    public String tagFor(SemVer version) {
        return prefix + version;
    }

    /** The version a tag names, or empty when the tag does not follow this scheme. */
    public Optional<SemVer> versionOf(String tag) {
        if (tag == null || !tag.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = tag.substring(prefix.length());
        if (rest.isEmpty() || !Character.isDigit(rest.charAt(0))) {
            return Optional.empty();
        }
        return SemVer.tryParse(rest);
    }

    /** The highest version among the tags that follow this scheme; pre-releases count only if asked. */
    public Optional<SemVer> latest(Collection<String> tags, boolean includePreReleases) {
        SemVer latest = null;
        for (String tag : tags) { // a loop, not a stream: the service answers this per request, for every tag sent
            Optional<SemVer> version = versionOf(tag);
            if (version.isPresent()
                    && (includePreReleases || !version.get().isPreRelease())
                    && (latest == null || version.get().compareTo(latest) > 0)) {
                latest = version.get();
            }
        }
        return Optional.ofNullable(latest);
    }

    /**
     * The next release tag after the highest released tag of this scheme ({@code release-0.1.1} → {@code
     * release-0.1.2} with {@link Bump#PATCH}). With no release tag yet the first release is {@code 0.1.0} for MINOR
     * and PATCH bumps and {@code 1.0.0} for MAJOR.
     */
    public NextRelease next(Collection<String> tags, Bump bump) {
        Optional<SemVer> latest = latest(tags, false);
        SemVer next =
                latest.map(v -> v.bump(bump)).orElse(bump == Bump.MAJOR ? SemVer.of(1, 0, 0) : SemVer.of(0, 1, 0));
        return new NextRelease(latest.map(this::tagFor), tagFor(next), next);
    }

    /**
     * The next release computed from existing tags.
     *
     * @param previousTag the highest existing release tag of the scheme, if any
     * @param tag the tag of the next release
     * @param version the version of the next release
     */
    public record NextRelease(Optional<String> previousTag, String tag, SemVer version) {}
}

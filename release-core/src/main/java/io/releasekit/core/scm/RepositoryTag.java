package io.releasekit.core.scm;

import io.releasekit.core.version.SemVer;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tag of a repository: its name, the commit it names (peeled) and whether it is annotated.
 *
 * @param name the tag's short name, e.g. {@code v2.1.0}
 * @param commit the commit the tag names
 * @param annotated whether the tag is an annotated tag object (false: a lightweight tag)
 */
public record RepositoryTag(TagName name, CommitId commit, boolean annotated) {

    /**
     * @throws NullPointerException when the name or the commit is missing
     */
    public RepositoryTag {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(commit, "commit");
    }

    /**
     * The version the tag names after {@code prefix} (a leading {@code v} after it is allowed), if it parses as SemVer:
     * {@code release-2.1.0} with prefix {@code release-} → 2.1.0; {@code v2.1.0} with prefix {@code ""} → 2.1.0.
     */
    public Optional<SemVer> version(String prefix) {
        String n = name.value();
        if (!n.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = n.substring(prefix.length());
        return SemVer.tryParse(rest)
                .or(() -> rest.startsWith("v") ? SemVer.tryParse(rest.substring(1)) : Optional.empty());
    }

    /**
     * Tags sorted the way a release list reads: those whose name parses as a version after {@code prefix} first, by
     * SemVer precedence (lowest first; equal precedence by name), then the others by name.
     */
    public static List<RepositoryTag> sorted(List<RepositoryTag> tags, String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        Comparator<RepositoryTag> byVersion = (a, b) -> {
            Optional<SemVer> va = a.version(prefix);
            Optional<SemVer> vb = b.version(prefix);
            if (va.isPresent() && vb.isPresent()) {
                int c = va.get().compareTo(vb.get());
                return c != 0 ? c : a.name().value().compareTo(b.name().value());
            }
            if (va.isPresent() != vb.isPresent()) {
                return va.isPresent() ? -1 : 1;
            }
            return a.name().value().compareTo(b.name().value());
        };
        return tags.stream().sorted(byVersion).toList();
    }
}

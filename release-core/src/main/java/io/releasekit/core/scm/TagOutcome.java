package io.releasekit.core.scm;

import java.util.Objects;

/** What creating a tag did. A tag at another commit is a {@link io.releasekit.core.ConflictException}, not an outcome. */
public sealed interface TagOutcome permits TagOutcome.Created, TagOutcome.AlreadyExists {

    /** The tag. */
    TagName tag();

    /** The commit the tag points at. */
    CommitId commit();

    /**
     * The tag was created (in a dry run: would be).
     *
     * @param tag the tag
     * @param commit the tagged commit
     * @param annotated whether an annotated tag object was written
     */
    record Created(TagName tag, CommitId commit, boolean annotated) implements TagOutcome {
        public Created {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(commit, "commit");
        }
    }

    /**
     * The tag already pointed at that commit; nothing was written.
     *
     * @param tag the tag
     * @param commit the tagged commit
     * @param annotated whether the existing tag is annotated
     */
    record AlreadyExists(TagName tag, CommitId commit, boolean annotated) implements TagOutcome {
        public AlreadyExists {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(commit, "commit");
        }
    }
}

package io.releasekit.core.host;

import java.util.Objects;
import java.util.Optional;

/**
 * What a write on a release did (or, in a dry run, would do).
 *
 * @param change the kind of change
 * @param release the release after the change; empty when it was deleted or only planned
 * @param summary one line for a run's log, naming the tag
 */
public record ReleaseChange(Change change, Optional<Release> release, String summary) {

    /** The kinds of change. */
    public enum Change {
        /** A release was created. */
        CREATED,
        /** Notes or title changed. */
        UPDATED,
        /** A draft was published (its tag created). */
        PUBLISHED,
        /** A draft was deleted. */
        DELETED,
        /** Nothing needed changing. */
        UNCHANGED,
        /** Dry run: {@link #summary()} says what would change. */
        PLANNED
    }

    public ReleaseChange {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(summary, "summary");
    }

    /** Whether something was (or would be) written. */
    public boolean wrote() {
        return change != Change.UNCHANGED;
    }
}

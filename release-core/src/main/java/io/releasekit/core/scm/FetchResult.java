package io.releasekit.core.scm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a fetch changed locally.
 *
 * <p>In a dry run that owns branches ({@link FetchCommand#own}) the remote's objects are fetched (no ref is written),
 * so {@link #recovered()} lists what a real fetch would reset and drop. When that cannot be known for an owned branch
 * — the remote's commit is not in the repository — the branch is named in {@link #undetermined()} with the reason,
 * rather than the result silently claiming nothing would be dropped.
 *
 * @param remote the remote's name
 * @param changes every ref that changed or was left behind on purpose, sorted by name
 * @param undetermined for each owned branch whose recovery could not be planned: a sentence naming it and why; empty
 *     when every owned branch's outcome is known
 */
public record FetchResult(String remote, List<RefChange> changes, List<String> undetermined) {

    public FetchResult {
        Objects.requireNonNull(remote, "remote");
        changes = List.copyOf(changes);
        undetermined = List.copyOf(undetermined);
    }

    /** A result whose every owned branch's outcome is known. */
    public FetchResult(String remote, List<RefChange> changes) {
        this(remote, changes, List.of());
    }

    /**
     * One ref a fetch touched or deliberately did not touch.
     *
     * @param ref the full local ref name
     * @param oldId its value before, if it existed
     * @param newId its value after, if it exists
     * @param kind what happened
     * @param dropped for {@link Kind#RESET}: the unpushed commits the branch no longer has, newest first; else empty
     */
    public record RefChange(
            String ref, Optional<CommitId> oldId, Optional<CommitId> newId, Kind kind, List<CommitId> dropped) {
        public RefChange {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(oldId, "oldId");
            Objects.requireNonNull(newId, "newId");
            Objects.requireNonNull(kind, "kind");
            dropped = List.copyOf(dropped);
        }

        /** A change that dropped no commit. */
        public RefChange(String ref, Optional<CommitId> oldId, Optional<CommitId> newId, Kind kind) {
            this(ref, oldId, newId, kind, List.of());
        }
    }

    /** The changes that dropped releasekit's unpushed work: {@link Kind#RESET} branches, {@link Kind#DROPPED} tags. */
    public List<RefChange> recovered() {
        return changes.stream()
                .filter(c -> c.kind() == Kind.RESET || c.kind() == Kind.DROPPED)
                .toList();
    }

    /** What happened to a ref. */
    public enum Kind {
        /** The ref was created. */
        CREATED,
        /** The ref moved forward. */
        FAST_FORWARDED,
        /** A remote-tracking ref was rewritten because the remote branch was rewritten. */
        FORCED,
        /** A remote-tracking ref was deleted because the remote branch is gone. */
        DELETED,
        /**
         * In a dry run without owned branches: the ref would move; whether that is a fast-forward is not known
         * because the new commits were not fetched.
         */
        UPDATED,
        /** A local branch has commits the remote lacks and was left as it is. */
        LOCAL_AHEAD,
        /** A local branch and the remote diverged; the local branch was left as it is. */
        DIVERGED,
        /** The remote has a tag that exists locally at another commit; the local tag was kept. */
        TAG_CONFLICT,
        /**
         * A branch the run owns had diverged from the remote's only by releasekit's own unpushed commits and was
         * reset to the remote's branch; {@link RefChange#dropped()} lists them (see {@link FetchCommand#own}).
         */
        RESET,
        /**
         * An unpublished tag releasekit made on a commit a {@link #RESET} dropped was deleted; when the remote has a
         * tag of that name, the new value is the remote's.
         */
        DROPPED
    }
}

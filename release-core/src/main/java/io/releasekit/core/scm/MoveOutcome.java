package io.releasekit.core.scm;

import java.util.Objects;

/** What moving a branch did. */
public sealed interface MoveOutcome
        permits MoveOutcome.FastForwarded, MoveOutcome.Forced, MoveOutcome.Unchanged, MoveOutcome.Rejected {

    /** The branch. */
    BranchName branch();

    /**
     * The branch was fast-forwarded (in a dry run: would be).
     *
     * @param branch the branch
     * @param oldId where it was
     * @param newId where it is now
     */
    record FastForwarded(BranchName branch, CommitId oldId, CommitId newId) implements MoveOutcome {
        public FastForwarded {
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(oldId, "oldId");
            Objects.requireNonNull(newId, "newId");
        }
    }

    /**
     * The branch was moved although that is not a fast-forward, because force was asked for (in a dry run: would be).
     * The old id is recorded so that the move can be undone.
     *
     * @param branch the branch
     * @param oldId where it was
     * @param newId where it is now
     */
    record Forced(BranchName branch, CommitId oldId, CommitId newId) implements MoveOutcome {
        public Forced {
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(oldId, "oldId");
            Objects.requireNonNull(newId, "newId");
        }
    }

    /**
     * The branch already pointed at the target.
     *
     * @param branch the branch
     * @param id where it points
     */
    record Unchanged(BranchName branch, CommitId id) implements MoveOutcome {
        public Unchanged {
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * The move is not a fast-forward and force was not asked for; nothing was written.
     *
     * @param branch the branch
     * @param current where it points (unchanged)
     * @param target where it was asked to go
     * @param reason why, e.g. how many commits the move would drop
     */
    record Rejected(BranchName branch, CommitId current, CommitId target, String reason) implements MoveOutcome {
        public Rejected {
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(current, "current");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(reason, "reason");
        }
    }
}

package io.releasekit.core.scm;

import java.util.Objects;

/** What creating a branch (directly or lazily) did. */
public sealed interface BranchOutcome permits BranchOutcome.Created, BranchOutcome.AlreadyExists {

    /** The branch. */
    BranchName branch();

    /** The commit the branch points at. */
    CommitId commit();

    /**
     * The branch was created (in a dry run: would be).
     *
     * @param branch the branch
     * @param commit where it starts
     */
    record Created(BranchName branch, CommitId commit) implements BranchOutcome {
        public Created {
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(commit, "commit");
        }
    }

    /**
     * The branch already existed where it was asked for (for a lazy branch: it contains the commit); nothing was
     * written.
     *
     * @param branch the branch
     * @param commit its current head
     */
    record AlreadyExists(BranchName branch, CommitId commit) implements BranchOutcome {
        public AlreadyExists {
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(commit, "commit");
        }
    }
}

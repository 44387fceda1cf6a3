package io.releasekit.core.scm;

import java.util.Objects;

/** What committing a file did. */
public sealed interface CommitOutcome permits CommitOutcome.Committed, CommitOutcome.Unchanged {

    /** The branch. */
    BranchName branch();

    /** The file's path. */
    String path();

    /**
     * A commit was added (in a dry run: the id it would have).
     *
     * @param branch the branch
     * @param path the file
     * @param oldHead the branch's head before
     * @param newHead the new commit
     */
    record Committed(BranchName branch, String path, CommitId oldHead, CommitId newHead) implements CommitOutcome {
        public Committed {
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(oldHead, "oldHead");
            Objects.requireNonNull(newHead, "newHead");
        }
    }

    /**
     * The file already had that content; nothing was written.
     *
     * @param branch the branch
     * @param path the file
     * @param head the branch's head
     */
    record Unchanged(BranchName branch, String path, CommitId head) implements CommitOutcome {
        public Unchanged {
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(head, "head");
        }
    }
}

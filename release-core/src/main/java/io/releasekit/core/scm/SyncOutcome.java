package io.releasekit.core.scm;

import java.util.List;
import java.util.Objects;

/** What syncing one target branch with the source did. */
public sealed interface SyncOutcome
        permits SyncOutcome.UpToDate, SyncOutcome.FastForwarded, SyncOutcome.Merged, SyncOutcome.Conflicted {

    /** The target branch. */
    BranchName target();

    /**
     * The target already contained the source; nothing was written.
     *
     * @param target the branch
     * @param head its head
     */
    record UpToDate(BranchName target, CommitId head) implements SyncOutcome {
        public UpToDate {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(head, "head");
        }
    }

    /**
     * The target was fast-forwarded to the source (in a dry run: would be).
     *
     * @param target the branch
     * @param oldId where it was
     * @param newId where it is now
     */
    record FastForwarded(BranchName target, CommitId oldId, CommitId newId) implements SyncOutcome {
        public FastForwarded {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(oldId, "oldId");
            Objects.requireNonNull(newId, "newId");
        }
    }

    /**
     * The source was merged into the target with a merge commit (in a dry run: the id it would have).
     *
     * @param target the branch
     * @param oldId where it was
     * @param mergeCommit the merge commit, its new head
     */
    record Merged(BranchName target, CommitId oldId, CommitId mergeCommit) implements SyncOutcome {
        public Merged {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(oldId, "oldId");
            Objects.requireNonNull(mergeCommit, "mergeCommit");
        }
    }

    /**
     * The merge conflicted; the target is untouched.
     *
     * @param target the branch
     * @param head its (unchanged) head
     * @param files the conflicting paths
     */
    record Conflicted(BranchName target, CommitId head, List<String> files) implements SyncOutcome {
        public Conflicted {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(head, "head");
            files = List.copyOf(files);
        }
    }
}

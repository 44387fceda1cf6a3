package io.releasekit.core.scm;

import io.releasekit.core.version.VersionPolicy.VersionChange;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a cherry-pick did. A conflict is a result: the branch is then exactly as before. */
public sealed interface PickOutcome permits PickOutcome.Picked, PickOutcome.Conflicted, PickOutcome.AlreadyApplied {

    /** The branch picked onto. */
    BranchName branch();

    /**
     * Commits were picked and the branch moved (in a dry run: would move) from {@code oldHead} to {@code newHead}.
     *
     * @param branch the branch
     * @param oldHead its head before
     * @param newHead its head after (in a dry run, the id the new head would have)
     * @param picked each picked commit with the commit it became
     * @param alreadyApplied the commits that were already on the branch and were skipped
     * @param versionBump the VERSION change, if a patch bump was asked for: carried by the last picked commit, or by a
     *     commit of its own after the picks when {@link CherryPickCommand#separateBumpCommit(boolean)} asked for one
     */
    record Picked(
            BranchName branch,
            CommitId oldHead,
            CommitId newHead,
            List<PickedCommit> picked,
            List<CommitId> alreadyApplied,
            Optional<VersionChange> versionBump)
            implements PickOutcome {
        public Picked {
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(oldHead, "oldHead");
            Objects.requireNonNull(newHead, "newHead");
            picked = List.copyOf(picked);
            alreadyApplied = List.copyOf(alreadyApplied);
            Objects.requireNonNull(versionBump, "versionBump");
        }
    }

    /**
     * A commit did not apply cleanly. Nothing was written: the branch, index and working tree are as before.
     *
     * @param branch the branch
     * @param head its (unchanged) head
     * @param commit the commit that conflicted
     * @param files the conflicting paths
     */
    record Conflicted(BranchName branch, CommitId head, CommitId commit, List<String> files) implements PickOutcome {
        public Conflicted {
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(head, "head");
            Objects.requireNonNull(commit, "commit");
            files = List.copyOf(files);
        }
    }

    /**
     * Every commit was already on the branch; nothing was written.
     *
     * @param branch the branch
     * @param head its (unchanged) head
     * @param commits the commits asked for
     */
    record AlreadyApplied(BranchName branch, CommitId head, List<CommitId> commits) implements PickOutcome {
        public AlreadyApplied {
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(head, "head");
            commits = List.copyOf(commits);
        }
    }

    /**
     * One picked commit.
     *
     * @param source the commit that was picked
     * @param result the new commit on the branch
     */
    record PickedCommit(CommitId source, CommitId result) {
        public PickedCommit {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(result, "result");
        }
    }
}

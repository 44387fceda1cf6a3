package io.releasekit.core.scm;

import java.util.List;
import java.util.Objects;

/**
 * What a sync did, one outcome per target in the order asked.
 *
 * @param source the source branch
 * @param sourceHead its head, which every target was brought up to
 * @param outcomes one per target
 */
public record SyncResult(BranchName source, CommitId sourceHead, List<SyncOutcome> outcomes) {

    public SyncResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceHead, "sourceHead");
        outcomes = List.copyOf(outcomes);
    }

    /** Whether any target conflicted. */
    public boolean hasConflicts() {
        return outcomes.stream().anyMatch(SyncOutcome.Conflicted.class::isInstance);
    }
}

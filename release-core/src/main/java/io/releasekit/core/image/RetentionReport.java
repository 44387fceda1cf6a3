package io.releasekit.core.image;

import java.util.List;
import java.util.Objects;

/**
 * What executing a {@link RetentionPlan} did, entry by entry.
 *
 * @param plan the plan executed
 * @param outcomes one per removal of the plan, in its order
 * @param dryRun whether nothing was deleted
 */
public record RetentionReport(RetentionPlan plan, List<Outcome> outcomes, boolean dryRun) {

    /** Copies the outcomes. */
    public RetentionReport {
        Objects.requireNonNull(plan, "plan");
        outcomes = List.copyOf(outcomes);
    }

    /** How many removals ended with {@code status}. */
    public long count(Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** What happened to one removal. */
    public enum Status {
        /** Deleted as planned. */
        DELETED,
        /** Dry run: would be deleted. */
        PLANNED,
        /** Not deleted: a tag of it names another digest now, so the plan no longer describes it. */
        CHANGED,
        /** Not deleted: it was gone already. */
        GONE
    }

    /**
     * The outcome of one removal.
     *
     * @param removal the plan's entry
     * @param status what happened
     * @param detail why, for {@link Status#CHANGED}
     */
    public record Outcome(RetentionPlan.Removal removal, Status status, String detail) {
        public Outcome {
            Objects.requireNonNull(removal, "removal");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
        }
    }
}

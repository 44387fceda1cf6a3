package io.releasekit.api.scheduling;

/**
 * Moves a run forward: executes its next steps until it finishes, waits (approval, deferred service) or fails. Called
 * by the clustered scheduler for each {@code advance-run} execution, on exactly one replica at a time; when that
 * replica dies mid-run, another one calls it again for the same run, so implementations resume from the stored step
 * states. Without a bean of this type the scheduler does not start.
 */
@FunctionalInterface
public interface RunAdvancer {

    /**
     * Advances a run.
     *
     * @param runId the run to advance
     * @throws ReplicaStoppingException when this replica is shutting down: the execution is released at once for
     *     another replica (or the next start) instead of being retried later
     */
    void advance(String runId);

    /**
     * Asked after {@link #advance(String)} returned: whether the run has work left that needs another execution. A
     * dispatch that arrives while the run's execution is still running is dropped (one execution per run), so the
     * execution itself is kept and scheduled again when this answers true. Default: no work left.
     *
     * @param runId the run just advanced
     */
    default boolean hasWorkLeft(String runId) {
        return false;
    }
}

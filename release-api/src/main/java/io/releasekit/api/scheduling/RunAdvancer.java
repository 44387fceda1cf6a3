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
     */
    void advance(String runId);
}

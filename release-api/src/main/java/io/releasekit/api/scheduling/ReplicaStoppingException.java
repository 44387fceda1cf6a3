package io.releasekit.api.scheduling;

/**
 * Thrown by a {@link RunAdvancer} when this replica shuts down while advancing a run: the run stays where it is, and
 * its execution is handed back to the scheduler at once, due now, so that another replica (or this one after a
 * restart) continues it without waiting for a retry delay or for the dead-execution timeout.
 */
public class ReplicaStoppingException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param runId the run that was being advanced
     * @param cause what the run engine reported, if anything
     */
    public ReplicaStoppingException(String runId, Throwable cause) {
        super("replica is shutting down; run '" + runId + "' is handed over", cause);
    }
}

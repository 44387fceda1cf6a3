package io.releasekit.core.run;

/** The state of a run. */
public enum RunState {
    /** Waiting for the required approvals. */
    AWAITING_APPROVAL,
    /** Accepted, waiting to be executed. */
    QUEUED,
    /** A runner is executing its steps. */
    RUNNING,
    /** Every step succeeded or was skipped. */
    SUCCEEDED,
    /** Every step is done except deferred ones, which are replayed when their services are back. */
    SUCCEEDED_DEGRADED,
    /** A step failed, or the preflight said NO-GO; later steps did not run. */
    FAILED,
    /** Cancelled by a person before it finished. */
    CANCELLED;

    /** Whether the run will not execute any further step (deferred steps of a degraded run aside). */
    public boolean terminal() {
        return this == SUCCEEDED || this == SUCCEEDED_DEGRADED || this == FAILED || this == CANCELLED;
    }
}

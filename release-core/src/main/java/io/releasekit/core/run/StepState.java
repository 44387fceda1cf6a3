package io.releasekit.core.run;

/** The state of one step of a run. */
public enum StepState {
    PENDING,
    RUNNING,
    SUCCEEDED,
    SKIPPED,
    /** Parked because a deferrable service was down; replayed once it is back. */
    DEFERRED,
    FAILED;

    /** Whether the step needs no further execution. */
    public boolean done() {
        return this == SUCCEEDED || this == SKIPPED || this == FAILED;
    }
}

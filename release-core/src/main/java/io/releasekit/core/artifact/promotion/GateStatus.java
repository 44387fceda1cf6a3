package io.releasekit.core.artifact.promotion;

/** The verdict CI records for a build at a stage. */
public enum GateStatus {
    /** The stage's tests passed: the build may move on to the next stage. */
    PASSED,
    /** The stage's tests failed: the build stays. */
    FAILED
}

package io.releasekit.core.service;

/** The state of a service's circuit breaker. */
public enum BreakerState {
    /** Calls flow; failures are counted. */
    CLOSED,
    /** Calls are refused at once until the wait in open state has passed. */
    OPEN,
    /** A few probe calls are let through; their outcome closes or re-opens the breaker. */
    HALF_OPEN,
    /** Forced open by an operator. */
    FORCED_OPEN,
    /** Guarding switched off; calls always flow. */
    DISABLED;

    /** Whether a call would be refused now without reaching the service. */
    public boolean refusesCalls() {
        return this == OPEN || this == FORCED_OPEN;
    }
}

package io.releasekit.core.service;

/** How one guarded call ended, as seen by {@link ServiceGuards#addCallListener}. */
public enum CallOutcome {
    /** The action returned a value. */
    SUCCESSFUL,
    /** The service failed (retryable error, I/O error, time-out) on every attempt; counts against the breaker. */
    FAILED,
    /** The action failed for a reason that is not the service's fault (bad input, 404, conflict). */
    IGNORED_ERROR,
    /** The breaker was open: the service was not called. */
    NOT_PERMITTED,
    /** The service answered that the caller is rate limited. */
    RATE_LIMITED
}

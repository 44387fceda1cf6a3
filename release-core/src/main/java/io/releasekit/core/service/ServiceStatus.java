package io.releasekit.core.service;

/**
 * A snapshot of one guarded service.
 *
 * @param service the service name, e.g. {@code github} or {@code s3:eu-central-1}
 * @param state the breaker state
 * @param failureRate failure percentage over the window, or -1 while too few calls were made
 * @param bufferedCalls calls in the current window
 * @param failedCalls failed calls in the current window
 * @param notPermittedCalls calls refused while the breaker was open
 */
public record ServiceStatus(
        String service,
        BreakerState state,
        float failureRate,
        int bufferedCalls,
        int failedCalls,
        long notPermittedCalls) {

    /** Whether calls to this service would currently be refused. */
    public boolean down() {
        return state.refusesCalls();
    }
}

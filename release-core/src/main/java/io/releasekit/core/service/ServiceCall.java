package io.releasekit.core.service;

import java.time.Duration;

/**
 * One finished guarded call (after its retries), reported to {@link ServiceGuards#addCallListener} listeners, e.g.
 * to count calls by outcome in metrics.
 *
 * @param service the service name
 * @param outcome how the call ended
 * @param duration wall time of the call including retries and backoff
 */
public record ServiceCall(String service, CallOutcome outcome, Duration duration) {}

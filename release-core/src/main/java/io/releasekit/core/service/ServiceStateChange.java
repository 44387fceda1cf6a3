package io.releasekit.core.service;

import java.time.Instant;

/**
 * A service's breaker moved from one state to another. Listeners use {@code to == CLOSED} after an outage to replay
 * deferred steps.
 *
 * @param service the service name
 * @param from the previous state
 * @param to the new state
 * @param at when it happened
 */
public record ServiceStateChange(String service, BreakerState from, BreakerState to, Instant at) {}

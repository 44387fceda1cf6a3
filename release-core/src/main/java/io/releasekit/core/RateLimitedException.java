package io.releasekit.core;

import java.time.Duration;

/**
 * A service refused a call because a rate limit is exhausted (GitHub's 403/429 with {@code X-RateLimit-Remaining: 0}
 * or {@code Retry-After}). The service is healthy, so this never counts against its circuit breaker and is never
 * retried at once: the caller waits until {@link #retryAfter()} or defers the step.
 */
public class RateLimitedException extends ServiceUnavailableException {

    public RateLimitedException(String service, String message, Duration retryAfter, Throwable cause) {
        super(service, message, null, retryAfter, cause);
    }

    @Override
    public String errorType() {
        return "rate-limited";
    }
}

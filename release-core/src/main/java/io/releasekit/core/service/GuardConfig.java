package io.releasekit.core.service;

import io.releasekit.core.InvalidInputException;
import java.time.Duration;

/**
 * How one outside service is guarded: a count-based circuit breaker, retries with exponential backoff, and a time
 * limit per attempt.
 *
 * @param failureRateThreshold percentage of failed calls (1–100) in the window that opens the breaker
 * @param slidingWindowSize number of recent calls the failure rate is computed over
 * @param minimumNumberOfCalls calls needed in the window before the rate is evaluated
 * @param waitInOpenState how long the breaker stays open before it lets a probe call through (half-open)
 * @param permittedCallsInHalfOpenState probe calls let through while half-open
 * @param maxAttempts attempts per call, the first included (1 = no retry)
 * @param initialBackoff wait before the second attempt
 * @param backoffMultiplier factor applied to the wait after each further attempt
 * @param timeout time limit of a single attempt
 */
public record GuardConfig(
        int failureRateThreshold,
        int slidingWindowSize,
        int minimumNumberOfCalls,
        Duration waitInOpenState,
        int permittedCallsInHalfOpenState,
        int maxAttempts,
        Duration initialBackoff,
        double backoffMultiplier,
        Duration timeout) {

    public GuardConfig {
        if (failureRateThreshold < 1 || failureRateThreshold > 100) {
            throw new InvalidInputException(
                    "failureRateThreshold must be between 1 and 100, was " + failureRateThreshold);
        }
        if (slidingWindowSize < 1) {
            throw new InvalidInputException("slidingWindowSize must be at least 1, was " + slidingWindowSize);
        }
        if (minimumNumberOfCalls < 1) {
            throw new InvalidInputException("minimumNumberOfCalls must be at least 1, was " + minimumNumberOfCalls);
        }
        if (permittedCallsInHalfOpenState < 1) {
            throw new InvalidInputException(
                    "permittedCallsInHalfOpenState must be at least 1, was " + permittedCallsInHalfOpenState);
        }
        if (maxAttempts < 1) {
            throw new InvalidInputException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (backoffMultiplier < 1.0) {
            throw new InvalidInputException("backoffMultiplier must be at least 1.0, was " + backoffMultiplier);
        }
        requirePositive("waitInOpenState", waitInOpenState);
        requirePositive("initialBackoff", initialBackoff);
        requirePositive("timeout", timeout);
    }

    /**
     * Defaults for a remote HTTP service: open at 50 % failures over the last 10 calls (at least 5), stay open 30 s,
     * 3 attempts starting at 500 ms backoff doubling, 30 s per attempt.
     */
    public static GuardConfig defaults() {
        return new GuardConfig(
                50, 10, 5, Duration.ofSeconds(30), 2, 3, Duration.ofMillis(500), 2.0, Duration.ofSeconds(30));
    }

    /** A copy with another time limit per attempt. */
    public GuardConfig withTimeout(Duration value) {
        return new GuardConfig(
                failureRateThreshold,
                slidingWindowSize,
                minimumNumberOfCalls,
                waitInOpenState,
                permittedCallsInHalfOpenState,
                maxAttempts,
                initialBackoff,
                backoffMultiplier,
                value);
    }

    /** A copy with another number of attempts. */
    public GuardConfig withMaxAttempts(int value) {
        return new GuardConfig(
                failureRateThreshold,
                slidingWindowSize,
                minimumNumberOfCalls,
                waitInOpenState,
                permittedCallsInHalfOpenState,
                value,
                initialBackoff,
                backoffMultiplier,
                timeout);
    }

    /** A copy with another open-state wait and backoff, handy for fast tests and drills. */
    public GuardConfig withWaits(Duration openWait, Duration backoff) {
        return new GuardConfig(
                failureRateThreshold,
                slidingWindowSize,
                minimumNumberOfCalls,
                openWait,
                permittedCallsInHalfOpenState,
                maxAttempts,
                backoff,
                backoffMultiplier,
                timeout);
    }

    /** A copy with another breaker window: failures needed before the rate counts, and the window size. */
    public GuardConfig withWindow(int minimumCalls, int windowSize) {
        return new GuardConfig(
                failureRateThreshold,
                windowSize,
                minimumCalls,
                waitInOpenState,
                permittedCallsInHalfOpenState,
                maxAttempts,
                initialBackoff,
                backoffMultiplier,
                timeout);
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new InvalidInputException(name + " must be a positive duration, was " + d);
        }
    }
}

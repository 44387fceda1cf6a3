package io.releasekit.core.host;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Polls the checks of a commit until the required ones passed, one failed, or the time limit passed (seed 004: wait
 * for the image builds of the moved {@code stable} branches). The poll is a supplier so that the caller wraps every
 * read in its service guard. A rate limit during the wait is waited out when it ends before the deadline, and thrown
 * otherwise.
 *
 * <pre>{@code
 * ChecksOutcome o = new ChecksWaiter(Clock.systemUTC(), Sleeper.threadSleep()).await(
 *         () -> hosts.get("packit-service").checks("stable"), CheckRequirement.of("Build images"),
 *         Duration.ofMinutes(60), Duration.ofSeconds(30), e -> {});
 * }</pre>
 */
public final class ChecksWaiter {

    private final Clock clock;
    private final Sleeper sleeper;

    /** A waiter that reads time from {@code clock} and waits with {@code sleeper}. */
    public ChecksWaiter(Clock clock, Sleeper sleeper) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Waits for the checks.
     *
     * @param poll reads the current checks (through a service guard)
     * @param requirement which checks must pass
     * @param timeout how long to wait at most
     * @param interval the pause between reads
     * @param onPoll told about every evaluation, e.g. to report progress
     * @throws RateLimitedException when the host's rate limit resets only after the deadline
     * @throws InterruptedException when the waiting thread is interrupted (the run was cancelled)
     */
    public ChecksOutcome await(
            Supplier<CheckSnapshot> poll,
            CheckRequirement requirement,
            Duration timeout,
            Duration interval,
            Consumer<ChecksEvaluation> onPoll)
            throws InterruptedException {
        requirePositive("timeout", timeout);
        requirePositive("interval", interval);
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        int polls = 0;
        while (true) {
            CheckSnapshot snapshot;
            try {
                snapshot = poll.get();
            } catch (RateLimitedException e) {
                Duration wait = e.retryAfter().orElse(interval);
                if (clock.instant().plus(wait).isAfter(deadline)) {
                    throw e;
                }
                sleeper.sleep(wait);
                continue;
            }
            polls++;
            ChecksEvaluation evaluation = requirement.evaluate(snapshot);
            onPoll.accept(evaluation);
            Instant now = clock.instant();
            Duration waited = Duration.between(start, now);
            switch (evaluation.verdict()) {
                case PASSED:
                    return new ChecksOutcome.Passed(evaluation, polls, waited);
                case FAILED:
                    return new ChecksOutcome.Failed(evaluation, polls, waited);
                default:
                    break;
            }
            if (!now.isBefore(deadline)) {
                return new ChecksOutcome.TimedOut(evaluation, polls, waited);
            }
            Duration left = Duration.between(now, deadline);
            sleeper.sleep(left.compareTo(interval) < 0 ? left : interval);
        }
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new InvalidInputException(name + " must be a positive duration, was " + d);
        }
    }
}

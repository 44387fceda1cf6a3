package io.releasekit.core.deploy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.ReleaseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads a deployment's status again and again until every component reports what it must, or the time limit passes
 * (seed 004: "a couple of minutes after new images are imported, check that they are also imported to the production
 * deployment"). The re-reads are scheduled on a scheduler, not slept for; the caller's thread waits for the outcome
 * and an interrupt (a cancelled run) stops the schedule.
 *
 * <p>A read that fails with a retryable error (the endpoint answers 5xx, resets, is too slow, the breaker is open) is
 * a deployment still restarting: the wait goes on and the error is reported if the time runs out. A non-retryable one
 * (a refused credential, a missing endpoint, a component not configured) ends the wait at once with that exception.
 *
 * <pre>{@code
 * try (DeploymentWaiter waiter = new DeploymentWaiter(Clock.systemUTC())) {
 *     DeploymentOutcome o = waiter.await(statuses.get("prod"), List.of(ComponentExpectation.of("packit-service", commit)),
 *             Duration.ofMinutes(30), Duration.ofSeconds(30), e -> {});
 * }
 * }</pre>
 */
public final class DeploymentWaiter implements AutoCloseable {

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;

    /** A waiter with a scheduler of its own (one daemon thread), shut down by {@link #close()}. */
    public DeploymentWaiter(Clock clock) {
        this(
                clock,
                Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "releasekit-deployment-waiter");
                    t.setDaemon(true);
                    return t;
                }),
                true);
    }

    /** A waiter re-reading on {@code scheduler}, which the caller owns. */
    public DeploymentWaiter(Clock clock, ScheduledExecutorService scheduler) {
        this(clock, scheduler, false);
    }

    private DeploymentWaiter(Clock clock, ScheduledExecutorService scheduler, boolean owns) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.ownsScheduler = owns;
    }

    /**
     * Waits for the deployment.
     *
     * @param status the endpoint (guarded, from {@link DeploymentStatuses})
     * @param expectations what the components must report
     * @param timeout how long to wait at most
     * @param interval the pause between reads
     * @param onPoll told about every read that answered
     * @throws InterruptedException when the waiting thread is interrupted (the run was cancelled)
     * @throws ReleaseException a non-retryable failure of a read
     */
    public DeploymentOutcome await(
            DeploymentStatus status,
            List<ComponentExpectation> expectations,
            Duration timeout,
            Duration interval,
            Consumer<DeploymentEvaluation> onPoll)
            throws InterruptedException {
        requirePositive("timeout", timeout);
        requirePositive("interval", interval);
        Poll poll = new Poll(status, List.copyOf(expectations), interval, onPoll, clock.instant(), timeout);
        scheduler.execute(poll);
        try {
            return poll.result.get();
        } catch (InterruptedException e) {
            poll.result.cancel(false);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** One wait: each run reads once and schedules the next read, until the result is complete. */
    private final class Poll implements Runnable {
        private final CompletableFuture<DeploymentOutcome> result = new CompletableFuture<>();
        private final DeploymentStatus status;
        private final List<ComponentExpectation> expectations;
        private final Duration interval;
        private final Consumer<DeploymentEvaluation> onPoll;
        private final Instant start;
        private final Instant deadline;
        private int polls;
        private Optional<DeploymentEvaluation> last = Optional.empty();
        private Optional<String> lastError = Optional.empty();

        Poll(
                DeploymentStatus status,
                List<ComponentExpectation> expectations,
                Duration interval,
                Consumer<DeploymentEvaluation> onPoll,
                Instant start,
                Duration timeout) {
            this.status = status;
            this.expectations = expectations;
            this.interval = interval;
            this.onPoll = onPoll;
            this.start = start;
            this.deadline = start.plus(timeout);
        }

        @Override
        public void run() {
            if (result.isDone()) {
                return; // cancelled
            }
            try {
                polls++;
                DeploymentEvaluation e = DeploymentEvaluation.of(status.read(), expectations);
                last = Optional.of(e);
                lastError = Optional.empty();
                onPoll.accept(e);
                if (e.verified()) {
                    result.complete(new DeploymentOutcome.Verified(e, polls, waited()));
                    return;
                }
            } catch (ReleaseException e) {
                if (!e.retryable()) {
                    result.completeExceptionally(e);
                    return;
                }
                lastError = Optional.of(e.getMessage());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                result.complete(new DeploymentOutcome.TimedOut(last, lastError, polls, waited()));
                return;
            }
            Duration left = Duration.between(now, deadline);
            Duration next = left.compareTo(interval) < 0 ? left : interval;
            scheduler.schedule(this, next.toMillis(), TimeUnit.MILLISECONDS);
        }

        private Duration waited() {
            return Duration.between(start, clock.instant());
        }
    }

    /** Shuts the scheduler down when this waiter made it. */
    @Override
    public void close() {
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new InvalidInputException(name + " must be a positive duration, was " + d);
        }
    }
}

package io.releasekit.core.image;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.RateLimitedException;
import io.releasekit.core.host.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Polls a registry until a tag exists as expected — at a digest, or with a label such as the git commit the image was
 * built from — or the time limit passes (seed 004: wait until CI pushed the images of the moved {@code stable}
 * branch). A tag at another digest or commit is an image still being replaced, so the wait goes on. A rate limit that
 * ends before the deadline is waited out.
 *
 * <pre>{@code
 * TagWaitOutcome o = new TagWaiter(Clock.systemUTC(), Sleeper.threadSleep()).await(quay, "packit/packit-service",
 *         "stable", TagExpectation.revision(commit), Duration.ofMinutes(60), Duration.ofSeconds(30));
 * }</pre>
 */
public final class TagWaiter {

    private final Clock clock;
    private final Sleeper sleeper;

    /** A waiter that reads time from {@code clock} and waits with {@code sleeper}. */
    public TagWaiter(Clock clock, Sleeper sleeper) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Waits for the tag.
     *
     * @param registry the registry (guarded, from {@link ImageRegistries})
     * @param repository the repository
     * @param tag the tag
     * @param expectation what the tag must show
     * @param timeout how long to wait at most
     * @param interval the pause between reads
     * @throws InterruptedException when the waiting thread is interrupted (the run was cancelled)
     */
    public TagWaitOutcome await(
            ImageRegistry registry,
            String repository,
            String tag,
            TagExpectation expectation,
            Duration timeout,
            Duration interval)
            throws InterruptedException {
        ImageRepositories.check(repository);
        ImageRepositories.checkTag(tag);
        requirePositive("timeout", timeout);
        requirePositive("interval", interval);
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        int polls = 0;
        while (true) {
            Optional<ImageManifest> manifest;
            String missing;
            try {
                manifest = registry.manifest(repository, tag);
                polls++;
                missing = missing(registry, repository, manifest, expectation);
            } catch (RateLimitedException e) {
                Duration wait = e.retryAfter().orElse(interval);
                if (clock.instant().plus(wait).isAfter(deadline)) {
                    throw e;
                }
                sleeper.sleep(wait);
                continue;
            }
            Instant now = clock.instant();
            if (missing == null) {
                return new TagWaitOutcome.Found(manifest.get().digest(), polls, Duration.between(start, now));
            }
            if (!now.isBefore(deadline)) {
                return new TagWaitOutcome.TimedOut(
                        manifest.map(ImageManifest::digest), missing, polls, Duration.between(start, now));
            }
            Duration left = Duration.between(now, deadline);
            sleeper.sleep(left.compareTo(interval) < 0 ? left : interval);
        }
    }

    /** What the tag lacks, or {@code null} when it shows what is expected. */
    private static String missing(
            ImageRegistry registry, String repository, Optional<ImageManifest> manifest, TagExpectation e) {
        if (manifest.isEmpty()) {
            return "the tag does not exist";
        }
        ImageManifest m = manifest.get();
        if (e.digest().isPresent() && !e.digest().get().equals(m.digest())) {
            return "the tag names " + m.digest() + ", not " + e.digest().get();
        }
        if (e.needsConfig()) {
            String label = e.label().get();
            Optional<String> value =
                    Optional.ofNullable(registry.config(repository, m).labels().get(label));
            if (!value.equals(e.labelValue())) {
                return "label " + label + " is " + value.map(v -> "'" + v + "'").orElse("absent") + ", not '"
                        + e.labelValue().get() + "'";
            }
        }
        return null;
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new InvalidInputException(name + " must be a positive duration, was " + d);
        }
    }
}

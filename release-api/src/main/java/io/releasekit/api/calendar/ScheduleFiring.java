package io.releasekit.api.calendar;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.releasekit.api.scheduling.SchedulerProperties;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.run.IdempotencyKeyReusedException;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunRequest;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens at a schedule's fire time, on the one replica whose scheduler picked the execution: the run of the
 * schedule's kind starts under the idempotency key {@code schedule:<name>:<fire time>} (a takeover that fires the same
 * time again gets the same run), unless the fire time is an exception date or was missed during downtime and the
 * schedule's policy is {@code skip}. The outcome is recorded on the schedule; the next fire time is computed from the
 * schedule as stored afterwards (an update made meanwhile counts). Each firing counts in the meter {@code
 * releasekit.calendar.firings} (tags {@code schedule}, {@code outcome}).
 */
@Singleton
public class ScheduleFiring {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleFiring.class);

    private final JdbcScheduleStore store;
    private final BeanProvider<RunEngine> engine;
    private final Clock clock;
    private final Duration grace;
    private final String replica;
    private final BeanProvider<MeterRegistry> meters;

    ScheduleFiring(
            JdbcScheduleStore store,
            BeanProvider<RunEngine> engine,
            Clock clock,
            CalendarProperties properties,
            SchedulerProperties scheduler,
            BeanProvider<MeterRegistry> meters) {
        this.meters = meters;
        this.store = store;
        this.engine = engine;
        this.clock = clock;
        this.grace = properties.getMissedFireGrace();
        this.replica = scheduler.replicaName();
    }

    /**
     * What a firing did and when the schedule fires next.
     *
     * @param outcome {@code started}, {@code skipped-exception}, {@code skipped-missed}, {@code failed: …} or {@code
     *     gone} (deleted or paused: nothing fired)
     * @param runId the run started, or null
     * @param next the next fire time; empty when the schedule is deleted, paused or never fires again
     */
    public record Fired(String outcome, String runId, Optional<Instant> next) {}

    /** The idempotency key of a schedule's run for one fire time. */
    public static String key(String schedule, Instant fireTime) {
        return "schedule:" + schedule + ":" + fireTime;
    }

    /**
     * Fires a schedule for one fire time.
     *
     * @throws io.releasekit.core.ServiceUnavailableException when the database is unavailable: the execution is retried
     *     later, under the same key
     */
    public Fired fire(String name, Instant fireTime) {
        Optional<ReleaseSchedule> found = store.find(name);
        if (found.isEmpty() || found.get().paused()) {
            return new Fired("gone", null, Optional.empty());
        }
        ScheduleSpec spec = found.get().spec();
        Instant now = clock.instant();
        Fired fired = handle(spec, fireTime, now);
        LOG.info(
                "schedule {} fire time {}: {}{}",
                name,
                fireTime,
                fired.outcome(),
                fired.runId() == null ? "" : " run " + fired.runId());
        String counted = fired.outcome().split(":")[0];
        meters.ifPresent(m -> m.counter("releasekit.calendar.firings", "schedule", name, "outcome", counted)
                .increment());
        store.recordFire(name, new ReleaseSchedule.LastFire(fireTime, fired.outcome(), fired.runId(), replica));
        Instant after = now.isAfter(fireTime) ? now : fireTime;
        Optional<Instant> next = store.find(name)
                .filter(s -> !s.paused())
                .flatMap(s -> s.spec().calendar().nextAfter(after));
        return new Fired(fired.outcome(), fired.runId(), next);
    }

    private Fired handle(ScheduleSpec spec, Instant fireTime, Instant now) {
        if (spec.isException(fireTime)) {
            return new Fired("skipped-exception", null, Optional.empty());
        }
        if (Duration.between(fireTime, now).compareTo(grace) > 0 && spec.missedFire() == MissedFirePolicy.SKIP) {
            return new Fired("skipped-missed", null, Optional.empty());
        }
        try {
            return new Fired("started", start(spec, fireTime).id(), Optional.empty());
        } catch (InvalidInputException e) {
            return new Fired("failed: " + e.getMessage(), null, Optional.empty());
        }
    }

    /** The first fire time of a schedule after an instant (exception dates included: they fire as skipped). */
    public Optional<Instant> nextFire(ScheduleSpec spec) {
        return spec.calendar().nextAfter(clock.instant());
    }

    private Run start(ScheduleSpec spec, Instant fireTime) {
        String key = key(spec.name(), fireTime);
        RunEngine runs = engine.get();
        Optional<Run> existing = runs.store().findByIdempotencyKey(key);
        if (existing.isPresent()) {
            return existing.get();
        }
        RunRequest request =
                new RunRequest(spec.kind(), spec.parameters(), spec.dryRun(), "schedule:" + spec.name(), key);
        try {
            return runs.start(request);
        } catch (IdempotencyKeyReusedException e) {
            // this fire time started a run already, with the schedule's earlier parameters: that run is the one
            return runs.store().findByIdempotencyKey(key).orElseThrow(() -> e);
        }
    }
}

package io.releasekit.api.calendar;

import java.time.Instant;
import java.util.Objects;

/**
 * A schedule as stored.
 *
 * @param spec what it starts and when
 * @param paused whether it is paused (fires nothing until resumed; fire times while paused are not made up)
 * @param createdBy who created it
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param lastFire the last fire time handled, or null before the first
 * @param version optimistic-locking version
 */
public record ReleaseSchedule(
        ScheduleSpec spec,
        boolean paused,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        LastFire lastFire,
        long version) {

    public ReleaseSchedule {
        Objects.requireNonNull(spec, "spec");
    }

    /** The schedule's id: its name. */
    public String id() {
        return spec.name();
    }

    /**
     * What the last firing did.
     *
     * @param at the fire time
     * @param outcome {@code started}, {@code skipped-exception}, {@code skipped-missed} or {@code failed: …}
     * @param runId the run it started (or found already started), or null
     * @param by the replica that fired it
     */
    public record LastFire(Instant at, String outcome, String runId, String by) {}

    /** A copy with another spec. */
    public ReleaseSchedule withSpec(ScheduleSpec newSpec, Instant at) {
        return new ReleaseSchedule(newSpec, paused, createdBy, createdAt, at, lastFire, version);
    }

    /** A copy paused or resumed. */
    public ReleaseSchedule withPaused(boolean value, Instant at) {
        return new ReleaseSchedule(spec, value, createdBy, createdAt, at, lastFire, version);
    }
}

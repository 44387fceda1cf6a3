package io.releasekit.api.calendar;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * A schedule as the API shows it.
 *
 * @param name the schedule's name
 * @param cron the cron expression
 * @param zone the time zone
 * @param kind the run kind it starts
 * @param parameters the run's parameters
 * @param dryRun whether its runs only plan
 * @param missedFire {@code run-once} or {@code skip}
 * @param exceptions the dates it does not fire on
 * @param paused whether it is paused
 * @param nextFireAt its next fire time (UTC), or null while paused
 * @param nextFireLocal the same in the schedule's zone, e.g. {@code 2026-12-08T10:00+01:00[Europe/Prague]}
 * @param createdBy who created it
 * @param createdAt when
 * @param updatedAt when it last changed
 * @param lastFire what its last firing did, or null
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Schedule")
public record ScheduleView(
        String name,
        String cron,
        String zone,
        String kind,
        Map<String, Object> parameters,
        boolean dryRun,
        String missedFire,
        List<String> exceptions,
        boolean paused,
        @Nullable Instant nextFireAt,
        @Nullable String nextFireLocal,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        @Nullable @Schema(type = "object") ScheduleLastFire lastFire) {

    /** The view of a schedule with its next fire time. */
    static ScheduleView of(ReleaseSchedule s, @Nullable Instant next) {
        ScheduleSpec spec = s.spec();
        ReleaseSchedule.LastFire f = s.lastFire();
        return new ScheduleView(
                spec.name(),
                spec.calendar().cron(),
                spec.calendar().zone(),
                spec.kind(),
                spec.parameters(),
                spec.dryRun(),
                spec.missedFire().value(),
                spec.exceptions(),
                s.paused(),
                next,
                next == null ? null : local(spec, next),
                s.createdBy(),
                s.createdAt(),
                s.updatedAt(),
                f == null ? null : new ScheduleLastFire(f.at(), f.outcome(), f.runId(), f.by()));
    }

    static String local(ScheduleSpec spec, Instant at) {
        return at.atZone(spec.calendar().zoneId()).format(DateTimeFormatter.ISO_ZONED_DATE_TIME);
    }
}

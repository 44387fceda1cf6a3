package io.releasekit.api.calendar;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.InvalidInputException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/schedules} and {@code PUT /api/v1/schedules/{name}}.
 *
 * @param name the schedule's name (required to create; on update absent or equal to the path's)
 * @param cron the cron expression: 5 fields ({@code 0 10 * * TUE}) or 6 with seconds first
 * @param zone the time zone, e.g. {@code Europe/Prague}
 * @param kind the run kind to start, one of {@code GET /api/v1/run-kinds}
 * @param parameters the run's parameters, as for {@code POST /api/v1/runs}
 * @param dryRun whether the runs only plan their writes (default false)
 * @param missedFire {@code run-once} (default) or {@code skip}: what to do with fire times missed during downtime
 * @param exceptions dates on which the schedule does not fire: {@code 2026-12-29} or, every year, {@code --12-24}
 */
@Serdeable
public record ScheduleRequest(
        @Nullable String name,
        @Schema(example = "0 10 * * TUE") String cron,
        @Schema(example = "Europe/Prague") String zone,
        @Schema(example = "train.release") String kind,
        @Nullable Map<String, Object> parameters,
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, defaultValue = "false") boolean dryRun,
        @Nullable
                @Schema(
                        allowableValues = {"run-once", "skip"},
                        defaultValue = "run-once")
                String missedFire,
        @Nullable List<String> exceptions) {

    /** The schedule spec this request asks for, named {@code name} (the path's on update). */
    ScheduleSpec toSpec(String pathName) {
        if (pathName != null && name != null && !name.equals(pathName)) {
            throw new InvalidInputException("the body names schedule '" + name + "' but the path names '" + pathName
                    + "'; a schedule cannot be renamed (create a new one and delete this one)");
        }
        return new ScheduleSpec(
                pathName != null ? pathName : name,
                new CronCalendar(cron, zone),
                kind,
                parameters,
                dryRun,
                missedFire == null ? MissedFirePolicy.RUN_ONCE : MissedFirePolicy.of(missedFire),
                exceptions);
    }
}

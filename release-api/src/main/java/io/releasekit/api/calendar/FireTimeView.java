package io.releasekit.api.calendar;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One upcoming fire time of a schedule.
 *
 * @param at the instant (UTC)
 * @param local the same in the schedule's zone
 * @param skipped true when it falls on an exception date: the schedule fires nothing then
 */
@Serdeable
@Schema(name = "ScheduleFireTime")
public record FireTimeView(Instant at, String local, boolean skipped) {

    static FireTimeView of(ScheduleSpec spec, Instant at) {
        return new FireTimeView(at, ScheduleView.local(spec, at), spec.isException(at));
    }
}

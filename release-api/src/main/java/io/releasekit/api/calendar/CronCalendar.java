package io.releasekit.api.calendar;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.CronStyle;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import io.releasekit.core.InvalidInputException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When a schedule fires: a cron expression read in a time zone, computed by db-scheduler's {@link CronSchedule} (the
 * same cron library its recurring tasks use). Five fields are classic cron ({@code minute hour day-of-month month
 * day-of-week}, e.g. {@code 0 10 * * TUE}); six put seconds first (Spring's form, e.g. {@code 0 0 13 * * MON}).
 * Daylight-saving changes follow the zone: {@code 0 10 * * TUE} in {@code Europe/Prague} is 10:00 local time in summer
 * and in winter.
 *
 * @param cron the expression
 * @param zone the time zone's id, e.g. {@code Europe/Prague} or {@code UTC}
 */
public record CronCalendar(String cron, String zone) {

    public CronCalendar {
        if (cron == null || cron.isBlank()) {
            throw new InvalidInputException("cron expression is required (e.g. '0 10 * * TUE')");
        }
        if (zone == null || zone.isBlank()) {
            throw new InvalidInputException("time zone is required (e.g. 'Europe/Prague' or 'UTC')");
        }
        cron = cron.strip().replaceAll("\\s+", " ");
        zone = zone.strip();
        schedule(cron, zoneId(zone));
    }

    /** The zone as a {@link ZoneId}. */
    public ZoneId zoneId() {
        return zoneId(zone);
    }

    /** The first fire time strictly after an instant; empty when the expression never fires again. */
    public Optional<Instant> nextAfter(Instant after) {
        Instant next = schedule(cron, zoneId()).getNextExecutionTime(ExecutionComplete.simulatedSuccess(after));
        return next == null || next.equals(Schedule.NEVER) ? Optional.empty() : Optional.of(next);
    }

    private static ZoneId zoneId(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new InvalidInputException(
                    "time zone '" + zone + "' is not a known zone id (e.g. 'Europe/Prague', 'UTC', '+02:00')");
        }
    }

    private static CronSchedule schedule(String cron, ZoneId zone) {
        int fields = cron.split(" ").length;
        if (fields != 5 && fields != 6) {
            throw new InvalidInputException("cron expression '" + cron + "' has " + fields
                    + " fields; expected 5 (minute hour day-of-month month day-of-week, e.g. '0 10 * * TUE')"
                    + " or 6 (seconds first)");
        }
        try {
            return new CronSchedule(cron, zone, fields == 5 ? CronStyle.UNIX : CronStyle.SPRING53);
        } catch (RuntimeException e) {
            throw new InvalidInputException("cron expression '" + cron + "' is invalid: " + e.getMessage());
        }
    }
}

package io.releasekit.api.calendar;

import io.releasekit.core.InvalidInputException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a schedule starts and when: a run of {@code kind} with {@code parameters} at each fire time of {@code calendar},
 * except on the {@code exceptions} dates.
 *
 * @param name a unique name, e.g. {@code weekly-train} (lower-case letters, digits, {@code . _ -})
 * @param calendar the cron expression and time zone
 * @param kind the run kind, one of {@code GET /api/v1/run-kinds}
 * @param parameters the run's parameters, validated by the kind like {@code POST /api/v1/runs}
 * @param dryRun whether the runs only plan their writes
 * @param missedFire what to do with fire times missed during downtime
 * @param exceptions dates in the schedule's zone on which it does not fire: {@code 2026-12-29} (once) or {@code
 *     --12-24} (every year)
 */
public record ScheduleSpec(
        String name,
        CronCalendar calendar,
        String kind,
        Map<String, Object> parameters,
        boolean dryRun,
        MissedFirePolicy missedFire,
        List<String> exceptions) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    public ScheduleSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("schedule name '" + name
                    + "' must be 1-100 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Objects.requireNonNull(calendar, "calendar");
        if (kind == null || kind.isBlank()) {
            throw new InvalidInputException("run kind is required");
        }
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        missedFire = missedFire == null ? MissedFirePolicy.RUN_ONCE : missedFire;
        List<String> checked = new ArrayList<>();
        for (String e : exceptions == null ? List.<String>of() : exceptions) {
            checked.add(checkException(e));
        }
        exceptions = List.copyOf(checked);
    }

    /** Whether a fire time falls on one of the exception dates (in the schedule's zone). */
    public boolean isException(Instant fireTime) {
        LocalDate day = fireTime.atZone(calendar.zoneId()).toLocalDate();
        return exceptions.stream()
                .anyMatch(e -> e.startsWith("--")
                        ? MonthDay.parse(e).equals(MonthDay.from(day))
                        : LocalDate.parse(e).equals(day));
    }

    private static String checkException(String e) {
        String v = e == null ? "" : e.strip();
        try {
            if (v.startsWith("--")) {
                MonthDay.parse(v);
            } else {
                LocalDate.parse(v);
            }
            return v;
        } catch (DateTimeException ex) {
            throw new InvalidInputException(
                    "exception date '" + e + "' is neither a date (2026-12-29) nor a yearly day (--12-24)");
        }
    }
}

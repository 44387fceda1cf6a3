package io.releasekit.api.calendar;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** {@code releasekit.calendar.*}: how the release calendar treats fire times it reaches late. */
@ConfigurationProperties("releasekit.calendar")
public class CalendarProperties {

    private Duration missedFireGrace = Duration.ofMinutes(15);

    /**
     * How late a firing may be and still count as on time (default 15 min). A fire time reached later than this (no
     * replica was running, or the database was down) is a missed one: the schedule's missed-fire policy decides.
     */
    public Duration getMissedFireGrace() {
        return missedFireGrace;
    }

    public void setMissedFireGrace(Duration missedFireGrace) {
        if (missedFireGrace == null || missedFireGrace.isNegative()) {
            throw new IllegalArgumentException(
                    "releasekit.calendar.missed-fire-grace must be zero or positive, was " + missedFireGrace);
        }
        this.missedFireGrace = missedFireGrace;
    }
}

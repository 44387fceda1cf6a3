package io.releasekit.api.calendar;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The clock the release calendar reads "now" from: the UTC system clock, unless a test registers its own. */
@Factory
public class CalendarFactory {

    /** The system clock in UTC. */
    @Singleton
    @Secondary
    Clock calendarClock() {
        return Clock.systemUTC();
    }
}

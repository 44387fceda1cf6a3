package io.releasekit.api.testkit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test sets: fixed at an instant ({@link #set(Instant)}), or following the system clock ({@link
 * #followSystem()}, the start state). Register it as a singleton of the application context to replace the calendar's
 * system clock.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> fixed = new AtomicReference<>();

    /** Stops the clock at an instant. */
    public void set(Instant at) {
        fixed.set(at);
    }

    /** Lets the clock follow the system clock again. */
    public void followSystem() {
        fixed.set(null);
    }

    @Override
    public Instant instant() {
        Instant at = fixed.get();
        return at != null ? at : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock is UTC");
    }
}

package io.releasekit.api.calendar;

import io.releasekit.core.InvalidInputException;
import java.util.Arrays;

/**
 * What a schedule does with fire times it missed while no replica was running (downtime longer than the calendar's
 * missed-fire grace): start one run for them when a replica is back, or skip them and wait for the next fire time.
 */
public enum MissedFirePolicy {
    /** One run for all fire times missed, started when a replica is back (keyed by the earliest missed one). */
    RUN_ONCE("run-once"),
    /** No run for missed fire times; the schedule waits for its next one. */
    SKIP("skip");

    private final String value;

    MissedFirePolicy(String value) {
        this.value = value;
    }

    /** The policy's name in the API: {@code run-once} or {@code skip}. */
    public String value() {
        return value;
    }

    /**
     * The policy named {@code value}.
     *
     * @throws InvalidInputException naming the value when it is neither {@code run-once} nor {@code skip}
     */
    public static MissedFirePolicy of(String value) {
        return Arrays.stream(values())
                .filter(p -> p.value.equals(value))
                .findFirst()
                .orElseThrow(() ->
                        new InvalidInputException("missed-fire policy '" + value + "' is not one of run-once, skip"));
    }
}

package io.releasekit.core.run;

import java.util.Optional;

/**
 * A filter for listing runs.
 *
 * @param state only runs in this state
 * @param kind only runs of this kind
 * @param limit at most this many (1–1000)
 */
public record RunQuery(Optional<RunState> state, Optional<String> kind, int limit) {

    public RunQuery {
        if (limit < 1 || limit > 1000) {
            throw new io.releasekit.core.InvalidInputException("limit must be between 1 and 1000, was " + limit);
        }
    }

    /** The newest 100 runs of any state and kind. */
    public static RunQuery all() {
        return new RunQuery(Optional.empty(), Optional.empty(), 100);
    }
}

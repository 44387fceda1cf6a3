package io.releasekit.core.host;

import java.time.Duration;
import java.util.Objects;

/**
 * How waiting for checks ended. A failed check and a time-out are results, not exceptions: the caller decides what
 * they mean for its process.
 */
public sealed interface ChecksOutcome permits ChecksOutcome.Passed, ChecksOutcome.Failed, ChecksOutcome.TimedOut {

    /** The last evaluation made. */
    ChecksEvaluation last();

    /** How many times the checks were read. */
    int polls();

    /** How long the wait took. */
    Duration waited();

    /**
     * Every check that counts passed.
     *
     * @param last the passing evaluation
     * @param polls reads made
     * @param waited time spent
     */
    record Passed(ChecksEvaluation last, int polls, Duration waited) implements ChecksOutcome {
        public Passed {
            Objects.requireNonNull(last, "last");
        }
    }

    /**
     * A check that counts failed.
     *
     * @param last the failing evaluation
     * @param polls reads made
     * @param waited time spent
     */
    record Failed(ChecksEvaluation last, int polls, Duration waited) implements ChecksOutcome {
        public Failed {
            Objects.requireNonNull(last, "last");
        }
    }

    /**
     * The time limit passed with checks still pending or missing.
     *
     * @param last the last (pending) evaluation
     * @param polls reads made
     * @param waited time spent
     */
    record TimedOut(ChecksEvaluation last, int polls, Duration waited) implements ChecksOutcome {
        public TimedOut {
            Objects.requireNonNull(last, "last");
        }
    }
}

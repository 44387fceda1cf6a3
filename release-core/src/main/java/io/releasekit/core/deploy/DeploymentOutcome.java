package io.releasekit.core.deploy;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** How a wait for a deployment ended: it reported what was expected, or the time limit passed first. */
public sealed interface DeploymentOutcome permits DeploymentOutcome.Verified, DeploymentOutcome.TimedOut {

    /** How many reads were made. */
    int polls();

    /** How long the wait took. */
    Duration waited();

    /**
     * Every component reported what it must.
     *
     * @param evaluation the read that showed it
     * @param polls reads made
     * @param waited time taken
     */
    record Verified(DeploymentEvaluation evaluation, int polls, Duration waited) implements DeploymentOutcome {
        public Verified {
            Objects.requireNonNull(evaluation, "evaluation");
            Objects.requireNonNull(waited, "waited");
        }
    }

    /**
     * The time limit passed first.
     *
     * @param last the last read that answered, if any did
     * @param lastError why the last read failed, when it did (the endpoint answered 5xx, was down or too slow)
     * @param polls reads made
     * @param waited time taken
     */
    record TimedOut(Optional<DeploymentEvaluation> last, Optional<String> lastError, int polls, Duration waited)
            implements DeploymentOutcome {
        public TimedOut {
            Objects.requireNonNull(last, "last");
            Objects.requireNonNull(lastError, "lastError");
            Objects.requireNonNull(waited, "waited");
        }

        /** What was still wrong when the time was up. */
        public String describe() {
            String seen = last.map(e -> "last reported " + e.describe()).orElse("it never answered a status");
            return lastError.map(err -> seen + "; last read failed: " + err).orElse(seen);
        }
    }
}

package io.releasekit.core.image;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** How waiting for a tag ended. */
public sealed interface TagWaitOutcome permits TagWaitOutcome.Found, TagWaitOutcome.TimedOut {

    /** How many times the registry was asked. */
    int polls();

    /** How long the wait took. */
    Duration waited();

    /**
     * The tag showed what was expected.
     *
     * @param digest the digest the tag names
     * @param polls reads of the registry
     * @param waited time spent
     */
    record Found(ImageDigest digest, int polls, Duration waited) implements TagWaitOutcome {
        public Found {
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(waited, "waited");
        }
    }

    /**
     * The time limit passed first.
     *
     * @param lastSeen the digest the tag named at the last read, if it existed
     * @param reason what was missing at the last read
     * @param polls reads of the registry
     * @param waited time spent
     */
    record TimedOut(Optional<ImageDigest> lastSeen, String reason, int polls, Duration waited)
            implements TagWaitOutcome {
        public TimedOut {
            Objects.requireNonNull(lastSeen, "lastSeen");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(waited, "waited");
        }
    }
}

package io.releasekit.core.run;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened in a run, in order. Stored so that a late subscriber (an SSE client) gets past events
 * first, then live ones.
 *
 * @param runId the run
 * @param sequence 1, 2, 3, ... per run, assigned by the store
 * @param type what happened
 * @param step the step concerned, or null for run-level events
 * @param at when
 * @param data details: {@code state}, {@code message}, {@code done}, {@code total}, {@code bytes}, ...
 */
public record RunEvent(String runId, long sequence, Type type, String step, Instant at, Map<String, String> data) {

    public RunEvent {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    /** A new event whose sequence number (0 until then) the store assigns in {@link RunStore#append(RunEvent)}. */
    public static RunEvent of(String runId, Type type, String step, Instant at, Map<String, String> data) {
        return new RunEvent(runId, 0, type, step, at, data);
    }

    /** A copy with the sequence number a store assigned. */
    public RunEvent withSequence(long newSequence) {
        return new RunEvent(runId, newSequence, type, step, at, data);
    }

    /** The kinds of run events. */
    public enum Type {
        RUN_STATE_CHANGED,
        APPROVAL_RECORDED,
        STEP_STARTED,
        STEP_PROGRESS,
        STEP_DEFERRED,
        STEP_FINISHED,
        STEP_FAILED,
        /**
         * An attempt of a step stopped without a result because its executor lost the run to another one (it was
         * presumed dead, e.g. frozen past the takeover time): nothing it would have written afterwards was written.
         */
        STEP_ABANDONED
    }
}

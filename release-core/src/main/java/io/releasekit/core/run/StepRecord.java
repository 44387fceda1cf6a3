package io.releasekit.core.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The recorded state of one step.
 *
 * @param name the step name
 * @param state its state
 * @param attempts how many times execution started (a resumed step counts again)
 * @param startedAt when the last attempt started, or null
 * @param finishedAt when it ended, or null
 * @param summary the outcome's summary, the failure message, or why it was deferred
 * @param outputs the outcome's outputs
 * @param planned writes reported in a dry run
 */
public record StepRecord(
        String name,
        StepState state,
        int attempts,
        Instant startedAt,
        Instant finishedAt,
        String summary,
        Map<String, String> outputs,
        List<String> planned) {

    public StepRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
        planned = planned == null ? List.of() : List.copyOf(planned);
    }

    /** A step that has not started. */
    public static StepRecord pending(String name) {
        return new StepRecord(name, StepState.PENDING, 0, null, null, null, Map.of(), List.of());
    }
}

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
 * @param planned the writes the step reported in its dry run (for a real run: in the dry run that planned it), as text
 * @param writes the writes of the step's plan as target and operation, each {@link
 *     io.releasekit.core.protect.PlannedWrite#encode() encoded}: what its dry run (or the planning of a real run) saw
 *     at the ports and what the step reported through {@link StepContext#plan(io.releasekit.core.protect.PlannedWrite)}
 */
public record StepRecord(
        String name,
        StepState state,
        int attempts,
        Instant startedAt,
        Instant finishedAt,
        String summary,
        Map<String, String> outputs,
        List<String> planned,
        List<String> writes) {

    public StepRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
        planned = planned == null ? List.of() : List.copyOf(planned);
        writes = writes == null ? List.of() : List.copyOf(writes);
    }

    /** A record without structured writes (as stored before plans had them). */
    public StepRecord(
            String name,
            StepState state,
            int attempts,
            Instant startedAt,
            Instant finishedAt,
            String summary,
            Map<String, String> outputs,
            List<String> planned) {
        this(name, state, attempts, startedAt, finishedAt, summary, outputs, planned, List.of());
    }

    /** The structured writes of the step's plan. */
    public List<io.releasekit.core.protect.PlannedWrite> plannedWrites() {
        return writes.stream()
                .map(io.releasekit.core.protect.PlannedWrite::decode)
                .toList();
    }

    /** A copy with a plan: its text and its writes. */
    public StepRecord withPlan(List<String> newPlanned, List<io.releasekit.core.protect.PlannedWrite> newWrites) {
        return new StepRecord(
                name,
                state,
                attempts,
                startedAt,
                finishedAt,
                summary,
                outputs,
                newPlanned,
                newWrites.stream()
                        .map(io.releasekit.core.protect.PlannedWrite::encode)
                        .toList());
    }

    /** A step that has not started. */
    public static StepRecord pending(String name) {
        return new StepRecord(name, StepState.PENDING, 0, null, null, null, Map.of(), List.of(), List.of());
    }
}

package io.releasekit.core.run.internal;

import io.releasekit.core.run.StepRecord;
import io.releasekit.core.run.StepState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** New versions of a {@link StepRecord} for each transition a step goes through. */
final class Records {

    private Records() {}

    /** The step claimed for one more attempt. */
    static StepRecord running(StepRecord r, Instant now) {
        return new StepRecord(
                r.name(),
                StepState.RUNNING,
                r.attempts() + 1,
                now,
                null,
                r.summary(),
                r.outputs(),
                r.planned(),
                r.writes());
    }

    /** The step ended (succeeded, skipped, failed or deferred) with a summary. */
    static StepRecord ended(
            StepRecord r,
            StepState state,
            Instant now,
            String summary,
            Map<String, String> outputs,
            List<String> planned,
            List<String> writes) {
        return new StepRecord(r.name(), state, r.attempts(), r.startedAt(), now, summary, outputs, planned, writes);
    }

    /** The step parked without being executed because a service it can wait for is down. */
    static StepRecord deferredUnstarted(StepRecord r, Instant now, String summary) {
        return new StepRecord(
                r.name(),
                StepState.DEFERRED,
                r.attempts(),
                r.startedAt(),
                now,
                summary,
                r.outputs(),
                r.planned(),
                r.writes());
    }
}

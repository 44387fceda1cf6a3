package io.releasekit.api.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.run.RunEvent;
import java.time.Instant;
import java.util.Map;

/**
 * One event of a run, the data of one server-sent event (whose {@code id} is the sequence and {@code event} the type).
 *
 * @param runId the run
 * @param sequence 1, 2, 3, ... per run, without gaps
 * @param type RUN_STATE_CHANGED, APPROVAL_RECORDED, STEP_STARTED, STEP_PROGRESS, STEP_DEFERRED, STEP_FINISHED,
 *     STEP_FAILED or STEP_ABANDONED (an attempt stopped because another replica took the run over)
 * @param step the step concerned, absent for run-level events
 * @param at when it happened
 * @param data details: state, from, reason, by, summary, outcome, done, total, bytes, service, ... (as text)
 * @param progress for STEP_PROGRESS, the same figures as numbers; absent for other events
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunEventView(
        String runId,
        long sequence,
        RunEvent.Type type,
        @Nullable String step,
        Instant at,
        Map<String, String> data,
        @Nullable Progress progress) {

    static RunEventView of(RunEvent e) {
        return new RunEventView(e.runId(), e.sequence(), e.type(), e.step(), e.at(), e.data(), Progress.of(e));
    }

    /**
     * How far a step is, as numbers.
     *
     * @param done objects (or items) done so far
     * @param total how many there are in all, -1 when the step does not know
     * @param bytes bytes done so far
     */
    @Serdeable
    public record Progress(long done, long total, long bytes) {

        static Progress of(RunEvent e) {
            if (e.type() != RunEvent.Type.STEP_PROGRESS) {
                return null;
            }
            return new Progress(number(e, "done", 0), number(e, "total", -1), number(e, "bytes", 0));
        }

        private static long number(RunEvent e, String key, long absent) {
            String v = e.data().get(key);
            try {
                return v == null ? absent : Long.parseLong(v);
            } catch (NumberFormatException ex) {
                return absent;
            }
        }
    }
}

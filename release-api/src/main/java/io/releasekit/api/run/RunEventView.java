package io.releasekit.api.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.run.RunEvent;
import io.swagger.v3.oas.annotations.media.Schema;
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
@Schema(name = "RunEvent")
public record RunEventView(
        String runId,
        long sequence,
        RunEvent.Type type,
        @Nullable String step,
        Instant at,
        Map<String, String> data,
        @Nullable @Schema(type = "object") RunProgress progress) {

    static RunEventView of(RunEvent e) {
        return new RunEventView(e.runId(), e.sequence(), e.type(), e.step(), e.at(), e.data(), RunProgress.of(e));
    }
}

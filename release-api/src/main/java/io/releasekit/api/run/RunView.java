package io.releasekit.api.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.run.Approval;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.StepRecord;
import io.releasekit.core.run.StepState;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run as the API shows it.
 *
 * @param id the run id
 * @param kind the process kind
 * @param state the run state
 * @param reason why it failed, was cancelled or is degraded
 * @param parameters the validated parameters
 * @param dryRun whether writes are only planned
 * @param requestedBy the principal who started it
 * @param approvalsRequired how many distinct approvals it needs before it starts (0 for none)
 * @param approverRole the role an approver must hold
 * @param approvals the approvals given so far
 * @param steps each step, in order
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Run")
public record RunView(
        String id,
        String kind,
        RunState state,
        @Nullable String reason,
        Map<String, Object> parameters,
        boolean dryRun,
        String requestedBy,
        int approvalsRequired,
        String approverRole,
        List<ApprovalView> approvals,
        List<StepView> steps,
        Instant createdAt,
        Instant updatedAt,
        @Nullable @Schema(type = "object") RunHolder holder) {

    static RunView of(Run run) {
        return new RunView(
                run.id(),
                run.kind(),
                run.state(),
                run.reason(),
                run.parameters().asMap(),
                run.dryRun(),
                run.requestedBy(),
                run.approvalPolicy().required(),
                run.approvalPolicy().role(),
                run.approvals().stream().map(ApprovalView::of).toList(),
                run.steps().stream().map(StepView::of).toList(),
                run.createdAt(),
                run.updatedAt(),
                null);
    }

    /** This view with the replica executing the run now (only {@code GET /runs/{id}} looks it up). */
    RunView withHolder(@Nullable RunHolder value) {
        return new RunView(
                id,
                kind,
                state,
                reason,
                parameters,
                dryRun,
                requestedBy,
                approvalsRequired,
                approverRole,
                approvals,
                steps,
                createdAt,
                updatedAt,
                value);
    }

    /**
     * One step of a run.
     *
     * @param name the step name
     * @param state its state
     * @param attempts how many times its execution started (a resumed step counts again)
     * @param startedAt when the last attempt started
     * @param finishedAt when it ended
     * @param summary the outcome's summary, the failure, or why it was deferred
     * @param outputs the outcome's outputs
     * @param planned the writes a dry run would make, as the step described them (for a real run: its plan, made by a
     *     dry run before it was stored)
     * @param writes the same plan as target and operation, as the protected ports saw it: what the run's approvals
     *     were derived from, and all the run may write
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "RunStep")
    public record StepView(
            String name,
            StepState state,
            int attempts,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt,
            @Nullable String summary,
            Map<String, String> outputs,
            List<String> planned,
            List<WriteView> writes) {

        static StepView of(StepRecord r) {
            return new StepView(
                    r.name(),
                    r.state(),
                    r.attempts(),
                    r.startedAt(),
                    r.finishedAt(),
                    r.summary(),
                    r.outputs(),
                    r.planned(),
                    r.plannedWrites().stream().map(WriteView::of).toList());
        }
    }

    /**
     * One planned write.
     *
     * @param operation {@code write}, {@code delete}, {@code create}, {@code commit}, {@code move}, {@code force-move},
     *     {@code push} or {@code force-push}
     * @param target the target, e.g. {@code store releases: 1.0/SHA256SUMS} or {@code repository app: branch stable}
     * @param text what the write does
     */
    @Serdeable
    @Schema(name = "PlannedWrite")
    public record WriteView(String operation, String target, String text) {

        static WriteView of(PlannedWrite w) {
            return new WriteView(w.operation().label(), w.target().describe(), w.text());
        }
    }

    /**
     * One approval.
     *
     * @param principal who approved
     * @param role the role they approved with
     * @param at when
     * @param comment why
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "RunApproval")
    public record ApprovalView(String principal, String role, Instant at, @Nullable String comment) {

        static ApprovalView of(Approval a) {
            return new ApprovalView(a.principal(), a.role(), a.at(), a.comment());
        }
    }
}

package io.releasekit.core.run;

import io.releasekit.core.approval.ApprovalPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A run of a process as stored: what was asked, by whom, the approvals, and each step's state. Immutable; a runner
 * stores a new version with {@link RunStore#update(Run)}, which checks {@link #version()} so that two writers never
 * overwrite each other.
 *
 * @param id the run id
 * @param kind the process kind
 * @param parameters the validated parameters
 * @param dryRun whether writes are only planned
 * @param requestedBy the principal who started it
 * @param idempotencyKey the client's Idempotency-Key, or null
 * @param requestHash a digest of the request (kind, parameters, dryRun) to tell a replay from a different request
 * @param state the run state
 * @param approvalPolicy who must approve it
 * @param approvals the approvals given so far
 * @param steps each step's record, in order
 * @param reason why the run failed, was cancelled or is degraded; null otherwise
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param version optimistic-locking version, incremented by every update
 */
public record Run(
        String id,
        String kind,
        RunParameters parameters,
        boolean dryRun,
        String requestedBy,
        String idempotencyKey,
        String requestHash,
        RunState state,
        ApprovalPolicy approvalPolicy,
        List<Approval> approvals,
        List<StepRecord> steps,
        String reason,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Run {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(approvalPolicy, "approvalPolicy");
        approvals = List.copyOf(approvals);
        steps = List.copyOf(steps);
    }

    /** A step's record by name. */
    public Optional<StepRecord> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** A copy with another state and reason. */
    public Run withState(RunState newState, String newReason, Instant at) {
        return new Run(
                id,
                kind,
                parameters,
                dryRun,
                requestedBy,
                idempotencyKey,
                requestHash,
                newState,
                approvalPolicy,
                approvals,
                steps,
                newReason,
                createdAt,
                at,
                version);
    }

    /** A copy with one step's record replaced. */
    public Run withStep(StepRecord record, Instant at) {
        List<StepRecord> updated = steps.stream()
                .map(s -> s.name().equals(record.name()) ? record : s)
                .toList();
        return new Run(
                id,
                kind,
                parameters,
                dryRun,
                requestedBy,
                idempotencyKey,
                requestHash,
                state,
                approvalPolicy,
                approvals,
                updated,
                reason,
                createdAt,
                at,
                version);
    }

    /**
     * A copy with another version. Only a {@link RunStore} calls this, to stamp the version it stored; a runner never
     * changes the version itself.
     */
    public Run withVersion(long newVersion) {
        return new Run(
                id,
                kind,
                parameters,
                dryRun,
                requestedBy,
                idempotencyKey,
                requestHash,
                state,
                approvalPolicy,
                approvals,
                steps,
                reason,
                createdAt,
                updatedAt,
                newVersion);
    }

    /** A copy with another list of approvals. */
    public Run withApprovals(List<Approval> newApprovals, Instant at) {
        return new Run(
                id,
                kind,
                parameters,
                dryRun,
                requestedBy,
                idempotencyKey,
                requestHash,
                state,
                approvalPolicy,
                newApprovals,
                steps,
                reason,
                createdAt,
                at,
                version);
    }
}

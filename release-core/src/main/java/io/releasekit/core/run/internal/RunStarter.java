package io.releasekit.core.run.internal;

import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.run.IdempotencyKeyReusedException;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Validates a start request, answers retries with the run they started, stores new runs and dispatches them. */
public final class RunStarter {

    private final EngineCore core;
    private final Supplier<String> ids;
    private final Consumer<String> dispatch;

    /** A starter creating ids with {@code ids} and dispatching through {@code dispatch}. */
    public RunStarter(EngineCore core, Supplier<String> ids, Consumer<String> dispatch) {
        this.core = core;
        this.ids = ids;
        this.dispatch = dispatch;
    }

    /** Starts a run; see {@code RunEngine#start}. */
    public Run start(RunRequest request) {
        ProcessDefinition definition = core.definitions().require(request.kind());
        RunParameters parameters = definition.parameters().validate(request.parameters());
        String hash = RequestHash.of(request.kind(), parameters, request.dryRun());
        if (request.idempotencyKey() != null) {
            Optional<Run> existing = core.store().findByIdempotencyKey(request.idempotencyKey());
            if (existing.isPresent()) {
                return replayed(existing.get(), request, hash);
            }
        }
        List<Step> steps = Definitions.stepsOf(definition, parameters);
        steps.forEach(s -> s.services().stream().map(ServiceNeed::service).forEach(core.guards()::register));
        ApprovalPolicy policy = definition.approvalPolicy(parameters);
        // a dry run writes nothing, so it does not wait for approvers
        RunState state = policy.needsApproval() && !request.dryRun() ? RunState.AWAITING_APPROVAL : RunState.QUEUED;
        Instant now = core.now();
        Run run = new Run(
                ids.get(),
                request.kind(),
                parameters,
                request.dryRun(),
                request.requestedBy(),
                request.idempotencyKey(),
                hash,
                state,
                policy,
                List.of(),
                steps.stream().map(s -> StepRecord.pending(s.name())).toList(),
                null,
                now,
                now,
                0);
        Run stored = core.events()
                .create(run, List.of(core.stateChange(run, null, Map.of("by", request.requestedBy()))))
                .run();
        if (!stored.id().equals(run.id())) {
            return replayed(stored, request, hash); // a concurrent request with the same key won
        }
        if (stored.state() == RunState.QUEUED) {
            dispatch.accept(stored.id());
        }
        return stored;
    }

    private static Run replayed(Run existing, RunRequest request, String hash) {
        if (!hash.equals(existing.requestHash())) {
            throw new IdempotencyKeyReusedException(
                    "idempotency key '" + request.idempotencyKey() + "' already started run '" + existing.id()
                            + "' with a different request (kind, parameters or dry-run differ)",
                    existing.id());
        }
        if (!existing.requestedBy().equals(request.requestedBy())) {
            throw new IdempotencyKeyReusedException(
                    "idempotency key '" + request.idempotencyKey() + "' already started run '" + existing.id()
                            + "' for another principal",
                    existing.id());
        }
        return existing;
    }
}

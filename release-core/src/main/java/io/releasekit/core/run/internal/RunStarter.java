package io.releasekit.core.run.internal;

import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.protect.ProtectionPolicy;
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
        Instant now = core.now();
        String id = ids.get();
        List<StepRecord> records =
                steps.stream().map(s -> StepRecord.pending(s.name())).toList();
        if (!request.dryRun() && core.protection().isPresent()) {
            records = planned(id, request, parameters, steps, now);
            List<PlannedWrite> writes =
                    records.stream().flatMap(r -> r.plannedWrites().stream()).toList();
            policy = ProtectionPolicy.combine(
                    policy, core.protection().get().policy().approvalsFor(writes));
        }
        // a dry run writes nothing, so it does not wait for approvers
        RunState state = policy.needsApproval() && !request.dryRun() ? RunState.AWAITING_APPROVAL : RunState.QUEUED;
        Run run = new Run(
                id,
                request.kind(),
                parameters,
                request.dryRun(),
                request.requestedBy(),
                request.idempotencyKey(),
                hash,
                state,
                policy,
                List.of(),
                records,
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

    /**
     * The step records of a real run, each carrying its plan: the steps executed as a dry run before the run is
     * stored (see {@link Planner}).
     */
    private List<StepRecord> planned(
            String id, RunRequest request, RunParameters parameters, List<Step> steps, Instant now) {
        Run provisional = new Run(
                id,
                request.kind(),
                parameters,
                true,
                request.requestedBy(),
                null,
                null,
                RunState.RUNNING,
                ApprovalPolicy.none(),
                List.of(),
                steps.stream().map(s -> StepRecord.pending(s.name())).toList(),
                null,
                now,
                now,
                0);
        List<Planner.StepPlan> plans = new Planner(core).plan(provisional, steps);
        List<StepRecord> out = new java.util.ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Planner.StepPlan p = plans.get(i);
            out.add(StepRecord.pending(steps.get(i).name()).withPlan(p.texts(), p.writes()));
        }
        return out;
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

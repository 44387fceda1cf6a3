package io.releasekit.core.run.internal;

import io.releasekit.core.ReleaseException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.fence.ClaimLostException;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.run.Dependency;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEvent;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.run.StepRecord;
import io.releasekit.core.run.StepState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one step of a run: parks it when a service it can wait for is down, claims it with a compare-and-set,
 * executes it, and records how it ended (succeeded, skipped, deferred, failed) with its event.
 */
final class StepRunner {

    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

    /** How a step execution ended, as far as the advancing loop cares. */
    enum Kind {
        /** Succeeded or skipped. */
        DONE,
        /** Parked until its service is back. */
        DEFERRED,
        /** Failed; the run fails. */
        FAILED,
        /** The run was cancelled before or while the step ran. */
        CANCELLED,
        /** Another executor changed the step or the run first; this one stops. */
        BACKED_OFF,
        /** The engine died while the step ran; nothing was recorded. */
        ABANDONED
    }

    /** The end of one step execution and its one-line summary. */
    record Result(Kind kind, String summary) {}

    private final EngineCore core;

    StepRunner(EngineCore core) {
        this.core = core;
    }

    /**
     * Runs step {@code index} of a run that must be in state {@code expected}: {@code RUNNING} normally, {@code
     * SUCCEEDED_DEGRADED} to replay a deferred step, {@code CANCELLED} or {@code FAILED} for a step that runs always.
     * A deferred step whose service is still down stays deferred without an event. {@code run} is the run as the caller
     * has just read it: the step is claimed from it (a compare-and-set; a stale run is read again).
     */
    Result run(Run run, int index, Step step, RunState expected) {
        String runId = run.id();
        if (run.state() != expected) {
            return stopped(run);
        }
        StepRecord seen = run.steps().get(index);
        Optional<String> down = downDeferrableService(step);
        if (down.isPresent()) {
            return park(run, index, seen, down.get(), expected);
        }
        boolean replay = seen.state() == StepState.DEFERRED;
        // registered before the claim, so a cancel arriving from now on is seen before the step executes
        InFlight.Execution execution = core.inFlight().begin(runId, !step.runsAlways());
        try {
            Optional<Run> claimed = core.mutate(
                    run,
                    cur -> cur.state() == expected && unchanged(cur.steps().get(index), seen)
                            ? cur.withStep(Records.running(cur.steps().get(index), core.now()), core.now())
                            : null);
            if (claimed.isEmpty()) {
                return stopped(core.load(runId));
            }
            Run mine = claimed.get();
            StepRecord rec = mine.steps().get(index);
            if (!execution.start()) {
                return unclaim(runId, index, rec, seen);
            }
            core.durably(() -> core.emit(
                    runId,
                    RunEvent.Type.STEP_STARTED,
                    step.name(),
                    Map.of("attempt", Integer.toString(rec.attempts()), "replay", Boolean.toString(replay))));
            try {
                return execute(mine, index, step, rec, execution, replay);
            } catch (ClaimLostException e) {
                abandoned(runId, step, rec, e);
                throw e;
            }
        } finally {
            core.inFlight().end(runId, execution);
        }
    }

    private Result execute(
            Run run, int index, Step step, StepRecord rec, InFlight.Execution execution, boolean replay) {
        EngineStepContext ctx = new EngineStepContext(core, run, step.name(), outputsBefore(run, index), replay);
        StepOutcome outcome = null;
        Throwable failure = null;
        try {
            // the ports see on whose behalf they write: this run, its plan and its approvals (or a dry run's planning)
            outcome = ctx.authority().call(() -> step.execute(ctx));
            if (outcome == null) {
                failure = new IllegalStateException("step '" + step.name() + "' returned no outcome");
            }
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            failure = t;
        } finally {
            execution.finish();
        }
        if (core.dead()) {
            return new Result(Kind.ABANDONED, "engine closed while the step ran");
        }
        Optional<ClaimLostException> lost = claimLost(failure);
        if (lost.isPresent()) {
            throw lost.get(); // another executor holds the run: its result is not this attempt's to record
        }
        return record(run, index, step, rec, ctx, outcome, failure, execution.cancelled());
    }

    /** The run was cancelled between the claim and the start: the step never executed, so its record goes back. */
    private Result unclaim(String runId, int index, StepRecord claimed, StepRecord before) {
        core.mutate(runId, cur -> {
            StepRecord c = cur.steps().get(index);
            return c.state() == StepState.RUNNING && c.attempts() == claimed.attempts()
                    ? cur.withStep(before, core.now())
                    : null;
        });
        return stopped(core.load(runId));
    }

    private Result record(
            Run run,
            int index,
            Step step,
            StepRecord rec,
            EngineStepContext ctx,
            StepOutcome outcome,
            Throwable failure,
            boolean cancelled) {
        StepState state;
        String summary;
        RunEvent.Type type;
        Map<String, String> data = new LinkedHashMap<>();
        Kind kind;
        String service = failure == null ? null : deferrableService(step, failure);
        if (outcome != null) {
            state = outcome instanceof StepOutcome.Skipped ? StepState.SKIPPED : StepState.SUCCEEDED;
            summary = outcome.summary();
            type = RunEvent.Type.STEP_FINISHED;
            data.put("outcome", state.name());
            kind = Kind.DONE;
        } else if (cancelled) {
            state = StepState.FAILED;
            summary = "interrupted: the run was cancelled (" + describe(failure) + ")";
            type = RunEvent.Type.STEP_FAILED;
            kind = Kind.CANCELLED;
        } else if (service != null) {
            state = StepState.DEFERRED;
            summary = "deferred: " + describe(failure);
            type = RunEvent.Type.STEP_DEFERRED;
            data.put("service", service);
            kind = Kind.DEFERRED;
        } else {
            state = StepState.FAILED;
            summary = describe(failure);
            type = RunEvent.Type.STEP_FAILED;
            kind = Kind.FAILED;
            logFailure(run, step, failure);
        }
        data.put("summary", summary);
        // a real run keeps the plan it was approved for; a dry run records what it planned
        StepRecord ended = Records.ended(
                rec,
                state,
                core.now(),
                summary,
                outcome == null ? Map.of() : outcome.outputs(),
                run.dryRun() || core.protection().isEmpty() ? ctx.planned() : rec.planned(),
                run.dryRun() ? ctx.writes().stream().map(PlannedWrite::encode).toList() : rec.writes());
        Optional<Run> stored;
        try {
            // the step ran: its result waits for an unavailable store (paused) rather than the step running again
            stored = core.durably(() -> store(run, index, step, rec, ended, type, data));
        } catch (EngineCore.StoreOutageException e) {
            log.warn(
                    "run {}: the result of step {} waited too long for the run store: {}",
                    run.id(),
                    step.name(),
                    e.getMessage());
            StepRecord failed = Records.ended(
                    rec, StepState.FAILED, core.now(), e.getMessage(), Map.of(), ended.planned(), ended.writes());
            Map<String, String> why = Map.of("summary", e.getMessage());
            stored = awaitStore(() -> store(run, index, step, rec, failed, RunEvent.Type.STEP_FAILED, why));
            kind = Kind.FAILED;
            summary = e.getMessage();
        }
        if (stored.isEmpty()) {
            return new Result(Kind.BACKED_OFF, "another executor took the step over");
        }
        return new Result(kind, summary);
    }

    private Optional<Run> store(
            Run run,
            int index,
            Step step,
            StepRecord rec,
            StepRecord ended,
            RunEvent.Type type,
            Map<String, String> data) {
        // from the run as claimed: STEP_STARTED and progress events do not change its version, so this is one write
        return core.mutate(
                run,
                cur -> {
                    StepRecord c = cur.steps().get(index);
                    return c.state() == StepState.RUNNING && c.attempts() == rec.attempts()
                            ? cur.withStep(ended, core.now())
                            : null;
                },
                next -> List.of(core.event(run.id(), type, step.name(), data)));
    }

    /** Past the outage limit: waits for the store however long it takes (or until shutdown) to record the failure. */
    private <T> T awaitStore(java.util.function.Supplier<T> call) {
        while (true) {
            try {
                return core.durably(call);
            } catch (EngineCore.StoreOutageException again) {
                // still down: keep waiting, the failure must be recorded once the store answers
            }
        }
    }

    /** The attempt stopped because another executor took the run over: said in the run's events, best effort. */
    private void abandoned(String runId, Step step, StepRecord rec, ClaimLostException e) {
        log.warn("step {} of run {}: attempt {} abandoned: {}", step.name(), runId, rec.attempts(), e.getMessage());
        core.emitBestEffort(
                runId,
                RunEvent.Type.STEP_ABANDONED,
                step.name(),
                Map.of("attempt", Integer.toString(rec.attempts()), "summary", e.getMessage()));
    }

    private static Optional<ClaimLostException> claimLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClaimLostException c) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private Result park(Run run, int index, StepRecord seen, String service, RunState expected) {
        if (seen.state() == StepState.DEFERRED) {
            return new Result(Kind.DEFERRED, seen.summary());
        }
        String summary = "deferred: service '" + service + "' is down (breaker "
                + core.guards().status(service).state() + ")";
        Optional<Run> stored = core.mutate(
                run,
                cur -> cur.state() == expected && unchanged(cur.steps().get(index), seen)
                        ? cur.withStep(
                                Records.deferredUnstarted(cur.steps().get(index), core.now(), summary), core.now())
                        : null,
                next -> List.of(core.event(
                        run.id(),
                        RunEvent.Type.STEP_DEFERRED,
                        seen.name(),
                        Map.of("service", service, "summary", summary))));
        if (stored.isEmpty()) {
            return stopped(core.load(run.id()));
        }
        return new Result(Kind.DEFERRED, summary);
    }

    /** A deferrable service of the step whose breaker refuses calls right now. */
    Optional<String> downDeferrableService(Step step) {
        return step.services().stream()
                .filter(n -> n.dependency() == Dependency.DEFERRABLE)
                .map(ServiceNeed::service)
                .filter(s -> core.guards().status(s).down())
                .findFirst();
    }

    private static String deferrableService(Step step, Throwable failure) {
        if (!(failure instanceof ServiceUnavailableException sue)) {
            return null;
        }
        List<ServiceNeed> needs = step.services();
        return needs.stream()
                        .anyMatch(n -> n.dependency() == Dependency.DEFERRABLE
                                && n.service().equals(sue.service()))
                ? sue.service()
                : null;
    }

    private static Result stopped(Run run) {
        return run.state() == RunState.CANCELLED
                ? new Result(Kind.CANCELLED, run.reason())
                : new Result(Kind.BACKED_OFF, "run is " + run.state());
    }

    private static boolean unchanged(StepRecord current, StepRecord seen) {
        return current.state() == seen.state() && current.attempts() == seen.attempts();
    }

    /** Outputs of the succeeded or skipped steps before {@code index}, later ones winning. */
    static Map<String, String> outputsBefore(Run run, int index) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < index; i++) {
            StepRecord r = run.steps().get(i);
            if (r.state() == StepState.SUCCEEDED || r.state() == StepState.SKIPPED) {
                out.putAll(r.outputs());
            }
        }
        return out;
    }

    /** The failure as a one-line summary: a release error's message, else an internal error with its class. */
    static String describe(Throwable failure) {
        if (failure instanceof ReleaseException r && r.getMessage() != null) {
            return r.getMessage();
        }
        return "internal error: " + failure.getClass().getName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    private static void logFailure(Run run, Step step, Throwable failure) {
        if (failure instanceof ReleaseException) {
            log.warn("step {} of run {} ({}) failed: {}", step.name(), run.id(), run.kind(), failure.getMessage());
        } else {
            log.error(
                    "step {} of run {} ({}) failed with an internal error", step.name(), run.id(), run.kind(), failure);
        }
    }
}

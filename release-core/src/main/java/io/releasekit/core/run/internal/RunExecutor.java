package io.releasekit.core.run.internal;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.run.Preflight;
import io.releasekit.core.run.PreflightResult;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepRecord;
import io.releasekit.core.run.StepState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that executes runs: moves a queued run to running, executes its steps in order from the first
 * unfinished one (preflight before the first writing step), runs the steps that run always after a failure or a
 * cancel, ends the run, and replays deferred steps. Serialises calls per run within the engine; see {@link
 * io.releasekit.core.run.RunDispatcher} for the contract across processes.
 *
 * <p>A failed step puts a running run in <em>failing</em> mode (recorded by the failed step itself, so a resumed run
 * knows): later ordinary steps stay pending, steps that {@link Step#runsAlways() run always} still run in order, then
 * the run fails. Steps that run always only run once the run reached its first writing step (its preflight passed):
 * before that nothing was written that would need undoing.
 */
public final class RunExecutor {

    private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);

    private final EngineCore core;
    private final StepRunner steps;
    private final RunLocks locks = new RunLocks();

    /** An executor over the engine's shared state. */
    public RunExecutor(EngineCore core) {
        this.core = core;
        this.steps = new StepRunner(core);
    }

    /**
     * Advances a run as far as it can go now, returning the run as stored afterwards. When another thread of this
     * engine is advancing the run, returns at once and that thread makes one more pass.
     *
     * @throws io.releasekit.core.NotFoundException for an unknown run
     * @throws IllegalStateException when the engine is closing; the run stays where it was
     */
    public Run advance(String runId) {
        if (core.stopping()) {
            throw closing(runId);
        }
        core.load(runId);
        if (!locks.enter(runId)) {
            return core.load(runId);
        }
        boolean left = false;
        try {
            do {
                once(runId);
            } while (locks.leaveOrContinue(runId));
            left = true;
        } finally {
            if (!left) {
                locks.leave(runId);
            }
        }
        return core.load(runId);
    }

    private void once(String runId) {
        RunState state = core.load(runId).state();
        switch (state) {
            case QUEUED -> {
                if (core.transition(runId, Set.of(RunState.QUEUED), RunState.RUNNING, null, Map.of())
                        .isPresent()) {
                    executeSteps(runId);
                }
            }
            case RUNNING -> executeSteps(runId);
            case SUCCEEDED_DEGRADED -> replayDeferred(runId);
            case FAILED, CANCELLED -> runAlwaysSteps(runId, state);
            default -> {
                // awaiting approval, or succeeded: nothing to execute
            }
        }
    }

    private void executeSteps(String runId) {
        Optional<List<Step>> defined = resolve(runId, RunState.RUNNING);
        if (defined.isEmpty()) {
            return;
        }
        List<Step> defs = defined.get();
        for (int i = 0; i < defs.size(); i++) {
            if (core.stopping()) {
                throw closing(runId);
            }
            Run run = core.load(runId);
            if (run.state() == RunState.CANCELLED) {
                runAlwaysSteps(runId, RunState.CANCELLED);
                return;
            }
            if (run.state() != RunState.RUNNING) {
                return;
            }
            StepState state = run.steps().get(i).state();
            if (state.done() || state == StepState.DEFERRED) {
                continue;
            }
            Step step = defs.get(i);
            boolean writePhase = writePhaseStarted(run, defs);
            if (failing(run) && !(step.runsAlways() && writePhase)) {
                continue;
            }
            if (!failing(run) && step.writes() && !writePhase) {
                PreflightResult pre = Preflight.check(unfinished(defs, run, i), core.guards());
                if (!pre.mayStart()) {
                    fail(runId, RunState.RUNNING, pre.describe());
                    return;
                }
            }
            StepRunner.Result r = steps.run(run, i, step, RunState.RUNNING);
            switch (r.kind()) {
                case ABANDONED -> throw closing(runId);
                case CANCELLED -> {
                    runAlwaysSteps(runId, RunState.CANCELLED);
                    return;
                }
                case BACKED_OFF -> {
                    return;
                }
                case DONE, DEFERRED, FAILED -> {
                    // next step; after a failure only the steps that run always
                }
            }
        }
        finish(runId);
    }

    private void replayDeferred(String runId) {
        Optional<List<Step>> defined = resolve(runId, RunState.SUCCEEDED_DEGRADED);
        if (defined.isEmpty()) {
            return;
        }
        List<Step> defs = defined.get();
        for (int i = 0; i < defs.size(); i++) {
            if (core.stopping()) {
                throw closing(runId);
            }
            Run run = core.load(runId);
            if (run.state() != RunState.SUCCEEDED_DEGRADED) {
                return;
            }
            StepState state = run.steps().get(i).state();
            if (state != StepState.DEFERRED && state != StepState.RUNNING) {
                continue;
            }
            Step step = defs.get(i);
            StepRunner.Result r = steps.run(run, i, step, RunState.SUCCEEDED_DEGRADED);
            switch (r.kind()) {
                case FAILED -> {
                    fail(
                            runId,
                            RunState.SUCCEEDED_DEGRADED,
                            "deferred step '" + step.name() + "' failed when replayed: " + r.summary());
                    return;
                }
                case ABANDONED -> throw closing(runId);
                case CANCELLED, BACKED_OFF -> {
                    return;
                }
                case DONE, DEFERRED -> {
                    // next deferred step
                }
            }
        }
        finish(runId);
    }

    /**
     * In a failed or cancelled run that reached its writing steps: executes the steps that run always and are not
     * done yet (pending, left running by a dead engine, or deferred with their service back), in order. Their failures
     * are recorded on the step; the run keeps its state and reason.
     */
    private void runAlwaysSteps(String runId, RunState state) {
        Run run = core.load(runId);
        List<Step> defs;
        try {
            defs = core.definitions().stepsOf(run);
        } catch (IllegalStateException | NotFoundException | InvalidInputException e) {
            log.warn("run {} is {}; its steps that run always cannot run: {}", runId, state, e.getMessage());
            return;
        }
        if (!writePhaseStarted(run, defs)) {
            return;
        }
        for (int i = 0; i < defs.size(); i++) {
            if (core.stopping()) {
                throw closing(runId);
            }
            run = core.load(runId);
            if (run.state() != state) {
                return;
            }
            if (!defs.get(i).runsAlways() || run.steps().get(i).state().done()) {
                continue;
            }
            StepRunner.Result r = steps.run(run, i, defs.get(i), state);
            if (r.kind() == StepRunner.Kind.ABANDONED) {
                throw closing(runId);
            }
            if (r.kind() == StepRunner.Kind.BACKED_OFF) {
                return;
            }
        }
    }

    /**
     * Ends a run whose steps are all through: FAILED naming the first failed step, SUCCEEDED_DEGRADED naming the
     * deferred steps, or SUCCEEDED.
     */
    private void finish(String runId) {
        RunState[] from = new RunState[1];
        core.mutate(
                runId,
                run -> {
                    if (run.state() != RunState.RUNNING && run.state() != RunState.SUCCEEDED_DEGRADED) {
                        return null;
                    }
                    RunState to;
                    String reason;
                    Optional<StepRecord> failed = firstFailed(run);
                    if (failed.isPresent()) {
                        to = RunState.FAILED;
                        reason = "step '" + failed.get().name() + "' failed: "
                                + failed.get().summary();
                    } else {
                        List<String> deferred = new ArrayList<>();
                        for (StepRecord r : run.steps()) {
                            if (r.state() == StepState.DEFERRED) {
                                deferred.add(r.name());
                            } else if (!r.state().done()) {
                                return null;
                            }
                        }
                        to = deferred.isEmpty() ? RunState.SUCCEEDED : RunState.SUCCEEDED_DEGRADED;
                        reason = deferred.isEmpty() ? null : "deferred until their services are back: " + deferred;
                    }
                    if (to == run.state() && Objects.equals(reason, run.reason())) {
                        return null;
                    }
                    from[0] = run.state();
                    return run.withState(to, reason, core.now());
                },
                next -> next.state() == from[0] ? List.of() : List.of(core.stateChange(next, from[0], Map.of())));
    }

    /**
     * The run's steps as its definition gives them now; when they cannot be built (kind gone, steps changed, or a
     * store or repository the run names was removed from the configuration) the run fails with that reason instead of
     * staying where it is.
     */
    private Optional<List<Step>> resolve(String runId, RunState expected) {
        Run run = core.load(runId);
        try {
            return Optional.of(core.definitions().stepsOf(run));
        } catch (IllegalStateException | NotFoundException | InvalidInputException e) {
            fail(runId, expected, e.getMessage());
            return Optional.empty();
        }
    }

    private void fail(String runId, RunState from, String reason) {
        core.transition(runId, Set.of(from), RunState.FAILED, reason, Map.of());
    }

    private static boolean failing(Run run) {
        return firstFailed(run).isPresent();
    }

    private static Optional<StepRecord> firstFailed(Run run) {
        return run.steps().stream().filter(r -> r.state() == StepState.FAILED).findFirst();
    }

    /** Whether a writing step was already reached (started, deferred or done): the preflight happened then. */
    static boolean writePhaseStarted(Run run, List<Step> defs) {
        for (int i = 0; i < defs.size(); i++) {
            if (defs.get(i).writes() && run.steps().get(i).state() != StepState.PENDING) {
                return true;
            }
        }
        return false;
    }

    private static List<Step> unfinished(List<Step> defs, Run run, int from) {
        List<Step> out = new ArrayList<>();
        for (int i = from; i < defs.size(); i++) {
            StepState s = run.steps().get(i).state();
            if (!s.done() && s != StepState.DEFERRED) {
                out.add(defs.get(i));
            }
        }
        return out;
    }

    private IllegalStateException closing(String runId) {
        return new IllegalStateException(
                "run engine is closing; run '" + runId
                        + "' stays where it is and continues when it is advanced again (after a restart or on another replica)");
    }
}

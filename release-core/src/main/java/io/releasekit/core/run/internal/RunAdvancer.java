package io.releasekit.core.run.internal;

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
import java.util.Optional;
import java.util.Set;

/**
 * The one place that executes runs: moves a queued run to running, executes its steps in order from the first
 * unfinished one (preflight before the first writing step), ends it, and replays the deferred steps of a degraded run.
 * Serialises calls per run within the engine; see {@link io.releasekit.core.run.RunDispatcher} for the contract across
 * processes.
 */
public final class RunAdvancer {

    private final EngineCore core;
    private final StepRunner steps;
    private final RunLocks locks = new RunLocks();

    /** An advancer over the engine's shared state. */
    public RunAdvancer(EngineCore core) {
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
        switch (core.load(runId).state()) {
            case QUEUED -> {
                if (core.transition(runId, Set.of(RunState.QUEUED), RunState.RUNNING, null, Map.of())
                        .isPresent()) {
                    executeSteps(runId);
                }
            }
            case RUNNING -> executeSteps(runId);
            case SUCCEEDED_DEGRADED -> replayDeferred(runId);
            default -> {
                // awaiting approval, or ended: nothing to execute
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
            if (run.state() != RunState.RUNNING) {
                return;
            }
            StepRecord rec = run.steps().get(i);
            if (rec.state().done() || rec.state() == StepState.DEFERRED) {
                continue;
            }
            Step step = defs.get(i);
            if (step.writes() && !writePhaseStarted(run, defs)) {
                PreflightResult pre = Preflight.check(unfinished(defs, run, i), core.guards());
                if (!pre.mayStart()) {
                    fail(runId, RunState.RUNNING, pre.describe());
                    return;
                }
            }
            StepRunner.Result r = steps.run(runId, i, step, false);
            switch (r.kind()) {
                case FAILED -> {
                    fail(runId, RunState.RUNNING, "step '" + step.name() + "' failed: " + r.summary());
                    return;
                }
                case ABANDONED -> throw closing(runId);
                case CANCELLED, BACKED_OFF -> {
                    return;
                }
                case DONE, DEFERRED -> {
                    // next step
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
            StepRunner.Result r = steps.run(runId, i, step, true);
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

    /** Ends a run whose steps are all done or deferred: SUCCEEDED, or SUCCEEDED_DEGRADED naming the deferred steps. */
    private void finish(String runId) {
        RunState[] from = new RunState[1];
        Optional<Run> ended = core.mutate(runId, run -> {
            if (run.state() != RunState.RUNNING && run.state() != RunState.SUCCEEDED_DEGRADED) {
                return null;
            }
            List<String> deferred = new ArrayList<>();
            for (StepRecord r : run.steps()) {
                if (r.state() == StepState.DEFERRED) {
                    deferred.add(r.name());
                } else if (!r.state().done()) {
                    return null;
                }
            }
            RunState to = deferred.isEmpty() ? RunState.SUCCEEDED : RunState.SUCCEEDED_DEGRADED;
            String reason = deferred.isEmpty() ? null : "deferred until their services are back: " + deferred;
            if (to == run.state() && java.util.Objects.equals(reason, run.reason())) {
                return null;
            }
            from[0] = run.state();
            return run.withState(to, reason, core.now());
        });
        ended.filter(run -> run.state() != from[0]).ifPresent(run -> core.emitStateChange(run, from[0], Map.of()));
    }

    private Optional<List<Step>> resolve(String runId, RunState expected) {
        try {
            return Optional.of(core.definitions().stepsOf(core.load(runId)));
        } catch (IllegalStateException e) {
            fail(runId, expected, e.getMessage());
            return Optional.empty();
        }
    }

    private void fail(String runId, RunState from, String reason) {
        core.transition(runId, Set.of(from), RunState.FAILED, reason, Map.of());
    }

    /** Whether a writing step was already reached (started, deferred or done): the preflight happened then. */
    private static boolean writePhaseStarted(Run run, List<Step> defs) {
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

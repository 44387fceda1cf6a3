package io.releasekit.core.run.internal;

import io.releasekit.core.run.Dependency;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunQuery;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepRecord;
import io.releasekit.core.run.StepState;
import io.releasekit.core.service.BreakerState;
import io.releasekit.core.service.ServiceStateChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds runs with steps to replay now — deferred steps whose deferrable services all accept calls, steps a dead engine
 * left running, steps that run always of a cancelled run — and dispatches them. Triggered when a breaker closes and
 * periodically: a breaker only leaves OPEN when its wait has passed, and a replayed step's call is the probe that
 * closes it.
 */
public final class DeferredReplayer {

    private static final Logger log = LoggerFactory.getLogger(DeferredReplayer.class);
    private static final int PAGE = 1000;

    private final EngineCore core;
    private final Consumer<String> dispatch;

    /** A replayer dispatching through {@code dispatch}. */
    public DeferredReplayer(EngineCore core, Consumer<String> dispatch) {
        this.core = core;
        this.dispatch = dispatch;
    }

    /** Reacts to a breaker change: a service back to CLOSED replays the steps waiting for it. */
    public boolean concerns(ServiceStateChange change) {
        return change.to() == BreakerState.CLOSED || change.to() == BreakerState.DISABLED;
    }

    /**
     * Dispatches every run with a step to replay: a deferred step whose services accept calls (in a degraded run, or a
     * step that runs always in a failed or cancelled run), a step a dead engine left running, or a step that runs
     * always still pending in a cancelled run.
     *
     * @param service only runs with a deferred step needing this service, or {@code null} for all
     * @return the ids of the runs dispatched
     */
    public List<String> replay(String service) {
        List<String> dispatched = new ArrayList<>();
        for (RunState state : List.of(RunState.SUCCEEDED_DEGRADED, RunState.FAILED, RunState.CANCELLED)) {
            for (Run run : core.store().list(new RunQuery(Optional.of(state), Optional.empty(), PAGE))) {
                try {
                    if (mayHaveWork(run) && ready(run, service)) {
                        dispatch.accept(run.id());
                        dispatched.add(run.id());
                    }
                } catch (RuntimeException e) {
                    log.warn("cannot check deferred steps of run {} ({}): {}", run.id(), run.kind(), e.toString());
                }
            }
        }
        return dispatched;
    }

    /** A cheap look at the records before asking the definition. */
    private static boolean mayHaveWork(Run run) {
        return run.steps().stream()
                .anyMatch(r -> r.state() == StepState.DEFERRED
                        || r.state() == StepState.RUNNING
                        || (run.state() == RunState.CANCELLED && r.state() == StepState.PENDING));
    }

    private boolean ready(Run run, String service) {
        Optional<ProcessDefinition> d = core.definitions().find(run.kind());
        if (d.isEmpty()) {
            return false;
        }
        List<Step> steps = Definitions.stepsOf(d.get(), run.parameters());
        if (steps.size() != run.steps().size()) {
            return false;
        }
        boolean ended = run.state() != RunState.SUCCEEDED_DEGRADED;
        if (ended && !RunExecutor.writePhaseStarted(run, steps)) {
            return false;
        }
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            StepRecord r = run.steps().get(i);
            if (ended && !step.runsAlways()) {
                continue;
            }
            if (r.state() == StepState.RUNNING || (ended && r.state() == StepState.PENDING && service == null)) {
                return true; // cut short by a dead engine, or a cancelled run's steps that run always
            }
            if (r.state() == StepState.DEFERRED && needs(step, service) && allUp(step)) {
                return true;
            }
        }
        return false;
    }

    private static boolean needs(Step step, String service) {
        return service == null
                || step.services().stream().anyMatch(n -> n.service().equals(service));
    }

    private boolean allUp(Step step) {
        return step.services().stream()
                .filter(n -> n.dependency() == Dependency.DEFERRABLE)
                .map(ServiceNeed::service)
                .noneMatch(s -> core.guards().status(s).down());
    }
}

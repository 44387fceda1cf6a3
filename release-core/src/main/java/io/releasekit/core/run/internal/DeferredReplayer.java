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
 * Finds degraded runs whose deferred steps can be replayed now (every deferrable service of the step accepts calls),
 * and runs whose replay was cut short by a dead engine, and dispatches them. Triggered when a breaker closes and
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
     * Dispatches every degraded run that has a deferred step ready to replay.
     *
     * @param service only runs with a deferred step needing this service, or {@code null} for all
     * @return the ids of the runs dispatched
     */
    public List<String> replay(String service) {
        List<String> dispatched = new ArrayList<>();
        for (Run run :
                core.store().list(new RunQuery(Optional.of(RunState.SUCCEEDED_DEGRADED), Optional.empty(), PAGE))) {
            try {
                if (ready(run, service)) {
                    dispatch.accept(run.id());
                    dispatched.add(run.id());
                }
            } catch (RuntimeException e) {
                log.warn("cannot check deferred steps of run {} ({}): {}", run.id(), run.kind(), e.toString());
            }
        }
        return dispatched;
    }

    private boolean ready(Run run, String service) {
        Optional<ProcessDefinition> d = core.definitions().find(run.kind());
        if (d.isEmpty()) {
            return false;
        }
        List<Step> steps = Definitions.stepsOf(d.get(), run.parameters());
        for (int i = 0; i < run.steps().size() && i < steps.size(); i++) {
            StepRecord r = run.steps().get(i);
            if (r.state() == StepState.RUNNING) {
                return true; // a replay cut short by a dead engine
            }
            if (r.state() == StepState.DEFERRED && needs(steps.get(i), service) && allUp(steps.get(i))) {
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

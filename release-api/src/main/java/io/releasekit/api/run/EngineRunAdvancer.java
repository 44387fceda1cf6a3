package io.releasekit.api.run;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Secondary;
import io.releasekit.api.scheduling.ReplicaStoppingException;
import io.releasekit.api.scheduling.RunAdvancer;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunState;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each {@code advance-run} execution of the clustered scheduler does: {@link RunEngine#advance(String)} on this
 * replica. A run of a kind this replica does not know (a replica not yet upgraded) is not touched: the execution
 * fails and is retried later, so that a replica knowing the kind executes it rather than this one failing it. The
 * engine is looked up lazily: it dispatches through the scheduler, which calls this.
 */
@Singleton
@Secondary // a RunAdvancer bean of your own replaces it (tests of the scheduler do)
public class EngineRunAdvancer implements RunAdvancer {

    private static final Logger LOG = LoggerFactory.getLogger(EngineRunAdvancer.class);

    private final BeanProvider<RunEngine> engine;
    private volatile boolean stopping;

    EngineRunAdvancer(BeanProvider<RunEngine> engine) {
        this.engine = engine;
    }

    @Override
    public void advance(String runId) {
        if (stopping) {
            throw new ReplicaStoppingException(runId, null);
        }
        RunEngine e = engine.get();
        Optional<Run> run = e.find(runId);
        if (run.isEmpty()) {
            LOG.warn("dropping the execution of run {}: it does not exist", runId);
            return;
        }
        if (e.definition(run.get().kind()).isEmpty()) {
            // e.g. a replica not yet upgraded during a rolling deploy: leave the run to one that knows the kind
            throw new IllegalStateException("run '" + runId + "' is of kind '"
                    + run.get().kind() + "', unknown to this replica; retried later, on a replica that knows it");
        }
        try {
            e.advance(runId);
        } catch (NotFoundException ex) {
            LOG.warn("dropping the execution of run {}: it does not exist", runId);
        } catch (IllegalStateException ex) {
            // the engine closes (this replica stops): the run stays where it is and is handed over
            throw new ReplicaStoppingException(runId, ex);
        }
    }

    /** A run still queued or running after an advance was released or changed meanwhile: advance it again. */
    @Override
    public boolean hasWorkLeft(String runId) {
        if (stopping) {
            return false;
        }
        return engine.get()
                .find(runId)
                .map(r -> r.state() == RunState.QUEUED || r.state() == RunState.RUNNING)
                .orElse(false);
    }

    /** From now on, executions are handed over instead of advanced. */
    void stop() {
        stopping = true;
    }
}

package io.releasekit.api.run;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Secondary;
import io.releasekit.api.persistence.DatabaseMonitor;
import io.releasekit.api.persistence.Jdbc;
import io.releasekit.api.persistence.JdbcRunClaims;
import io.releasekit.api.scheduling.ReplicaStoppingException;
import io.releasekit.api.scheduling.RunAdvancer;
import io.releasekit.api.scheduling.SchedulerProperties;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.fence.ClaimLostException;
import io.releasekit.core.fence.WriteFence;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunState;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each {@code advance-run} execution of the clustered scheduler does: takes a new claim on the run for this
 * replica ({@link JdbcRunClaims}), binds it as the thread's {@link WriteFence}, and calls {@link
 * RunEngine#advance(String)}. Every step state change and store write of the advance is then checked against the
 * claim, so a replica that lost the run to another one (it was presumed dead) stops at its next write, writes nothing
 * more, and logs one line. While the database is unavailable the advance pauses (up to {@code
 * releasekit.runs.database-outage-limit}) instead of failing.
 *
 * <p>A run of a kind this replica does not know (a replica not yet upgraded) is not touched: the execution fails and is
 * retried later, so that a replica knowing the kind executes it rather than this one failing it. The engine is looked
 * up lazily: it dispatches through the scheduler, which calls this.
 */
@Singleton
@Secondary // a RunAdvancer bean of your own replaces it (tests of the scheduler do)
public class EngineRunAdvancer implements RunAdvancer {

    private static final Logger LOG = LoggerFactory.getLogger(EngineRunAdvancer.class);

    private final BeanProvider<RunEngine> engine;
    private final BeanProvider<JdbcRunClaims> claims;
    private final BeanProvider<DatabaseMonitor> monitor;
    private final String replica;
    private final Duration outageLimit;
    private final Set<String> lost = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    EngineRunAdvancer(
            BeanProvider<RunEngine> engine,
            BeanProvider<JdbcRunClaims> claims,
            BeanProvider<DatabaseMonitor> monitor,
            SchedulerProperties scheduler,
            RunsProperties runs) {
        this.engine = engine;
        this.claims = claims;
        this.monitor = monitor;
        this.replica = scheduler.replicaName();
        this.outageLimit = runs.getDatabaseOutageLimit();
    }

    @Override
    public void advance(String runId) {
        // while the database is unavailable the advance waits for it (up to the outage limit) and goes on
        long deadline = System.nanoTime() + outageLimit.toNanos();
        while (true) {
            try {
                advanceOnce(runId);
                return;
            } catch (ServiceUnavailableException ex) {
                if (!Jdbc.SERVICE.equals(ex.service()) || stopping) {
                    throw ex;
                }
                LOG.info("run {} paused: database unavailable ({})", runId, ex.getMessage());
                if (!awaitDatabase(deadline)) {
                    throw ex;
                }
            }
        }
    }

    private void advanceOnce(String runId) {
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
        JdbcRunClaims.Held held = claims.get().claim(runId, replica, outageLimit);
        boolean keep = false;
        try (WriteFence.Binding b = WriteFence.bind(held)) {
            e.advance(runId);
        } catch (ClaimLostException ex) {
            keep = true; // the claim is someone else's now
            lost.add(runId);
            LOG.warn("run {}: stopped, claim lost: {}", runId, ex.getMessage());
        } catch (NotFoundException ex) {
            LOG.warn("dropping the execution of run {}: it does not exist", runId);
        } catch (IllegalStateException ex) {
            // the engine closes (this replica stops): the run stays where it is and is handed over
            throw new ReplicaStoppingException(runId, ex);
        } finally {
            if (!keep) {
                releaseQuietly(held);
            }
        }
    }

    private boolean awaitDatabase(long deadline) {
        try {
            long left = deadline - System.nanoTime();
            boolean up = left > 0 && monitor.get().awaitUp(Duration.ofNanos(left));
            if (up) {
                Thread.sleep(100); // give the pool a moment to replace its broken connections
            }
            return up;
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void releaseQuietly(JdbcRunClaims.Held held) {
        try {
            claims.get().release(held);
        } catch (RuntimeException ex) {
            LOG.debug("could not release the claim on run {}: {}", held.runId(), ex.toString());
        }
    }

    /** A run still queued or running after an advance was released or changed meanwhile: advance it again. */
    @Override
    public boolean hasWorkLeft(String runId) {
        if (stopping || lost.remove(runId)) {
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

package io.releasekit.api.run;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.releasekit.core.run.RunEngine;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops run execution on this replica in the right order.
 *
 * <p>At startup, and every {@code releasekit.runs.sweep-interval}, every queued or running run without an execution
 * is scheduled (a run whose replica died while it still had an execution is revived by the scheduler's dead-execution
 * detection instead), and degraded runs whose services are back are replayed.
 *
 * <p>At shutdown, before any bean is destroyed: the scheduler stops claiming executions, the engine lets executing
 * steps finish for {@code releasekit.runs.shutdown-grace} and interrupts the rest (their runs stay where they are),
 * and the interrupted executions are handed over, due at once, to another replica or the next start. Only then does
 * the scheduler stop (it would interrupt steps itself, and an interrupted step would count as failed).
 */
@Singleton
public class RunsLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(RunsLifecycle.class);

    private final BeanProvider<RunEngine> engine;
    private final BeanProvider<Scheduler> scheduler;
    private final EngineRunAdvancer advancer;
    private volatile boolean started;
    private volatile boolean stopping;

    RunsLifecycle(BeanProvider<RunEngine> engine, BeanProvider<Scheduler> scheduler, EngineRunAdvancer advancer) {
        this.engine = engine;
        this.scheduler = scheduler;
        this.advancer = advancer;
    }

    /** Resumes what a previous start (or a dead replica) left unfinished. */
    @EventListener
    void onStartup(StartupEvent event) {
        started = true;
        sweep();
    }

    /** Schedules unfinished runs that have no execution; runs every sweep interval. */
    @Scheduled(
            fixedDelay = "${releasekit.runs.sweep-interval:1m}",
            initialDelay = "${releasekit.runs.sweep-interval:1m}")
    void sweep() {
        if (!started || stopping) {
            return;
        }
        try {
            List<String> dispatched = engine.get().resumeUnfinished();
            if (!dispatched.isEmpty()) {
                LOG.info("dispatched {} unfinished run(s)", dispatched.size());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not dispatch unfinished runs; trying again next sweep: {}", e.toString());
        }
    }

    /** Hands executing runs over before the scheduler and the database go away. */
    @EventListener
    void onShutdown(ShutdownEvent event) {
        stopping = true;
        advancer.stop();
        if (!started) {
            return; // the application never started: nothing executes, the beans' own close is enough
        }
        if (scheduler.isPresent()) {
            scheduler.get().pause();
        }
        engine.get().close();
    }
}

package io.releasekit.api.scheduling;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Schedules {@code advance-run} executions: one pending execution per run, picked by one replica. */
@Singleton
@Requires(beans = Scheduler.class)
public class RunScheduling {

    private final Scheduler scheduler;

    RunScheduling(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Asks for a run to be advanced at an instant (now or later).
     *
     * @return false when an execution for the run is already scheduled or running; nothing new is scheduled then
     */
    public boolean advance(String runId, Instant at) {
        return scheduler.scheduleIfNotExists(
                AdvanceRunTask.DESCRIPTOR.instance(runId).data(runId).scheduledTo(at));
    }
}

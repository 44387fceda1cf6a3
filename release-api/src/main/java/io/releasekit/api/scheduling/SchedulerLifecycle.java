package io.releasekit.api.scheduling;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/** Starts the scheduler once the application context (and its Flyway migrations) is up. */
@Singleton
@Requires(beans = Scheduler.class)
public class SchedulerLifecycle {

    private final Scheduler scheduler;

    SchedulerLifecycle(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Starts polling for due executions. */
    @EventListener
    void onStartup(StartupEvent event) {
        scheduler.start();
    }
}

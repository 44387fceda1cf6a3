package io.releasekit.api.calendar;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.releasekit.core.ReleaseException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a replica with a scheduler starts, every active schedule without an execution gets one (a schedule created
 * on an API-only replica, or one whose execution was lost), due at its next fire time.
 */
@Singleton
@Requires(beans = Scheduler.class)
public class CalendarLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(CalendarLifecycle.class);

    private final Schedules schedules;

    CalendarLifecycle(Schedules schedules) {
        this.schedules = schedules;
    }

    /** Plans the schedules that lack an execution. */
    @EventListener
    void onStartup(StartupEvent event) {
        try {
            int planned = schedules.planMissing();
            if (planned > 0) {
                LOG.info("release calendar: planned {} schedule(s) that had no execution", planned);
            }
        } catch (ReleaseException e) {
            LOG.warn(
                    "release calendar: schedules not checked at startup ({}); they are planned when next changed",
                    e.getMessage());
        }
    }
}

package io.releasekit.api.scheduling;

import com.github.kagkarlsson.scheduler.task.Task;

/**
 * A task type the clustered scheduler runs besides {@code advance-run}: a bean of this type adds its task to the
 * scheduler of every replica, so that an execution of it is picked by exactly one replica and taken over when that
 * replica dies (the release calendar's {@code fire-schedule}, the approval window's {@code expire-approval}).
 */
public interface ClusteredTask {

    /** The task; its name must be unique among the scheduler's tasks. */
    Task<?> task();
}

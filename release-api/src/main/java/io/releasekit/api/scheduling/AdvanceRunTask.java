package io.releasekit.api.scheduling;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The one task type of the scheduler: {@code advance-run}, whose instance id and data are a run id. A failed
 * execution is retried after a while; a dead one (its replica stopped heart-beating) is revived on another replica.
 */
public final class AdvanceRunTask {

    /** The task name in {@code scheduled_tasks.task_name}. */
    public static final String NAME = "advance-run";

    /** The task's descriptor, for scheduling instances. */
    public static final TaskDescriptor<String> DESCRIPTOR = TaskDescriptor.of(NAME, String.class);

    /** How long a failed execution waits before it is retried. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    private AdvanceRunTask() {}

    /** The task, calling the advancer with the run id. */
    public static OneTimeTask<String> task(RunAdvancer advancer) {
        return Tasks.oneTime(DESCRIPTOR)
                .onFailure(new com.github.kagkarlsson.scheduler.task.FailureHandler.OnFailureRetryLater<>(
                        RETRY_AFTER_FAILURE))
                .onDeadExecutionRevive()
                .execute((instance, context) -> advancer.advance(instance.getData()));
    }

    /** A scheduler for the task on a data source, configured but not started. */
    public static Scheduler scheduler(DataSource dataSource, SchedulerProperties p, RunAdvancer advancer) {
        SchedulerBuilder b = Scheduler.create(dataSource, task(advancer))
                .threads(p.getThreads())
                .pollingInterval(p.getPollingInterval())
                .heartbeatInterval(p.getHeartbeatInterval())
                .missedHeartbeatsLimit(p.getMissedHeartbeatsLimit())
                .shutdownMaxWait(p.getShutdownMaxWait())
                .enableImmediateExecution()
                .alwaysPersistTimestampInUTC();
        if (p.getName() != null && !p.getName().isBlank()) {
            b.schedulerName(new SchedulerName.Fixed(p.getName()));
        }
        if (p.isLockAndFetch()) {
            b.pollUsingLockAndFetch(0.5, 1.0);
        }
        return b.build();
    }
}

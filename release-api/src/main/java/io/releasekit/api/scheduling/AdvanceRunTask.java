package io.releasekit.api.scheduling;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one task type of the scheduler: {@code advance-run}, whose instance id and data are a run id. After an advance,
 * the execution is removed, or kept and scheduled again when the run has work left ({@link
 * RunAdvancer#hasWorkLeft(String)}: a dispatch during the execution was dropped). A failed execution is retried after
 * a while; one abandoned because its replica stops ({@link ReplicaStoppingException}) is due again at once (another
 * replica, or this one after its restart, continues it at once, without waiting for the dead-execution timeout); a dead one
 * (its replica stopped heart-beating) is revived on another replica.
 */
public final class AdvanceRunTask {

    private static final Logger LOG = LoggerFactory.getLogger(AdvanceRunTask.class);

    /** The task name in {@code scheduled_tasks.task_name}. */
    public static final String NAME = "advance-run";

    /** The task's descriptor, for scheduling instances. */
    public static final TaskDescriptor<String> DESCRIPTOR = TaskDescriptor.of(NAME, String.class);

    /** How long a failed execution waits before it is retried. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    /** How long an execution whose run has work left waits before it runs again (guards against a hot loop). */
    static final Duration AGAIN_AFTER = Duration.ofMillis(200);

    private AdvanceRunTask() {}

    /** The task, calling the advancer with the run id; dead executions are always revived. */
    public static CustomTask<String> task(RunAdvancer advancer) {
        return task(advancer, () -> false);
    }

    /**
     * The task, calling the advancer with the run id. An execution found dead (its heartbeat is older than the
     * missed-heartbeat limit) is revived, unless {@code holdTakeovers} says the heartbeats cannot be trusted right now
     * (the database was down a moment ago, so every replica's heartbeats stalled): then it is left to its holder, and
     * looked at again at the next dead-execution check.
     */
    public static CustomTask<String> task(RunAdvancer advancer, BooleanSupplier holdTakeovers) {
        DeadExecutionHandler<String> revive = new DeadExecutionHandler.ReviveDeadExecution<>();
        return Tasks.custom(DESCRIPTOR)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_AFTER_FAILURE))
                .onDeadExecution((complete, operations) -> {
                    if (holdTakeovers.getAsBoolean()) {
                        LOG.info(
                                "execution of run {} looks dead but the database was just unavailable: left to {} for now",
                                complete.getExecution().taskInstance.getId(),
                                complete.getExecution().pickedBy);
                        return;
                    }
                    LOG.warn(
                            "replica {} stopped heart-beating: run {} is taken over",
                            complete.getExecution().pickedBy,
                            complete.getExecution().taskInstance.getId());
                    revive.deadExecution(complete, operations);
                })
                .execute((instance, context) -> {
                    String runId = instance.getData();
                    try {
                        advancer.advance(runId);
                    } catch (ReplicaStoppingException e) {
                        LOG.info(
                                "replica stopping: run {} is handed back, due again at once (for another replica or the next start)",
                                runId);
                        return (complete, operations) -> operations.reschedule(complete, Instant.now());
                    }
                    return advancer.hasWorkLeft(runId)
                            ? (complete, operations) -> operations.reschedule(
                                    complete, Instant.now().plus(AGAIN_AFTER))
                            : new CompletionHandler.OnCompleteRemove<>();
                });
    }

    /** A scheduler for the task on a data source, configured but not started. */
    public static Scheduler scheduler(DataSource dataSource, SchedulerProperties p, RunAdvancer advancer) {
        return scheduler(dataSource, p, advancer, () -> false, List.of());
    }

    /**
     * A scheduler for the task and {@code more} tasks (see {@link ClusteredTask}) on a data source, configured but not
     * started; see {@link #task(RunAdvancer, BooleanSupplier)}.
     */
    public static Scheduler scheduler(
            DataSource dataSource,
            SchedulerProperties p,
            RunAdvancer advancer,
            BooleanSupplier holdTakeovers,
            List<Task<?>> more) {
        List<Task<?>> tasks = new ArrayList<>();
        tasks.add(task(advancer, holdTakeovers));
        tasks.addAll(more);
        SchedulerBuilder b = Scheduler.create(dataSource, tasks)
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

package io.releasekit.api.calendar;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.releasekit.api.scheduling.ClusteredTask;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The calendar's task on the clustered scheduler: {@code fire-schedule}, one execution per schedule (instance id and
 * data = the schedule's name), due at its next fire time. Exactly one replica picks it; after the firing it is
 * rescheduled to the schedule's next fire time, or removed when the schedule is gone or paused. An execution whose
 * replica died is revived on another one, which fires the same fire time again: the run's idempotency key makes that
 * the same run.
 */
@Singleton
public class FireScheduleTask implements ClusteredTask {

    /** The task name in {@code scheduled_tasks.task_name}. */
    public static final String NAME = "fire-schedule";

    /** The task's descriptor, for scheduling instances. */
    public static final TaskDescriptor<String> DESCRIPTOR = TaskDescriptor.of(NAME, String.class);

    /** How long a firing that failed (the database was down) waits before it is tried again. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    private final ScheduleFiring firing;

    FireScheduleTask(ScheduleFiring firing) {
        this.firing = firing;
    }

    @Override
    public Task<?> task() {
        return Tasks.custom(DESCRIPTOR)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_AFTER_FAILURE))
                .onDeadExecution(new DeadExecutionHandler.ReviveDeadExecution<>())
                .execute((instance, context) -> {
                    Instant fireTime = context.getExecution().executionTime;
                    Optional<Instant> next =
                            firing.fire(instance.getData(), fireTime).next();
                    return next.<CompletionHandler<String>>map(
                                    at -> (complete, operations) -> operations.reschedule(complete, at))
                            .orElseGet(CompletionHandler.OnCompleteRemove::new);
                });
    }
}

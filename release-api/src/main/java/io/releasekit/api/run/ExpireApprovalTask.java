package io.releasekit.api.run;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.micronaut.context.BeanProvider;
import io.releasekit.api.scheduling.ClusteredTask;
import io.releasekit.core.run.RunEngine;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approval window on the clustered scheduler: {@code expire-approval}, one execution per run that awaits approval
 * (instance id and data = the run id), due when its window ends. Exactly one replica picks it and expires the run if it
 * still waits ({@link RunEngine#expireApproval(String, String)}); a run approved, rejected or cancelled meanwhile is
 * left alone.
 */
@Singleton
public class ExpireApprovalTask implements ClusteredTask {

    private static final Logger LOG = LoggerFactory.getLogger(ExpireApprovalTask.class);

    /** The task name in {@code scheduled_tasks.task_name}. */
    public static final String NAME = "expire-approval";

    /** The task's descriptor, for scheduling instances. */
    public static final TaskDescriptor<String> DESCRIPTOR = TaskDescriptor.of(NAME, String.class);

    private final BeanProvider<RunEngine> engine;
    private final ApprovalProperties properties;

    ExpireApprovalTask(BeanProvider<RunEngine> engine, ApprovalProperties properties) {
        this.engine = engine;
        this.properties = properties;
    }

    @Override
    public Task<?> task() {
        return Tasks.oneTime(DESCRIPTOR)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(30)))
                .execute((instance, context) -> expire(instance.getData()));
    }

    /** Expires a run that still awaits approval. */
    void expire(String runId) {
        RunEngine runs = engine.get();
        runs.find(runId)
                .ifPresent(run -> runs.expireApproval(runId, "not approved within " + properties.windowOf(run.kind()))
                        .ifPresent(r -> LOG.info("run {} ({}) expired: {}", runId, r.kind(), r.reason())));
    }
}

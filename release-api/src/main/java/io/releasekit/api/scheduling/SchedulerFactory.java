package io.releasekit.api.scheduling;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.releasekit.api.persistence.DatabaseMonitor;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The clustered db-scheduler of this replica, on the application's database. It exists only when a {@link
 * RunAdvancer} bean does (the run engine), and only with {@code releasekit.scheduler.enabled} (default true). It is
 * started when the application has started ({@link SchedulerLifecycle}) and stopped when it shuts down.
 */
@Factory
public class SchedulerFactory {

    /** The scheduler, not started. */
    @Singleton
    @Bean(preDestroy = "stop")
    @Requires(beans = RunAdvancer.class)
    @Requires(property = "releasekit.scheduler.enabled", notEquals = "false")
    Scheduler scheduler(
            DataSource dataSource,
            SchedulerProperties properties,
            RunAdvancer advancer,
            DatabaseMonitor monitor,
            List<ClusteredTask> tasks) {
        // db-scheduler manages its own connections and commits: give it the pool, not Micronaut's
        // transaction-aware wrapper.
        Duration trustAfter = properties.deadAfter();
        return AdvanceRunTask.scheduler(
                DelegatingDataSource.unwrapDataSource(dataSource),
                properties,
                advancer,
                // right after an outage every heartbeat is stale: give holders one dead-after period to beat again
                () -> !monitor.up()
                        || monitor.lastRecovery()
                                .map(t -> t.plus(trustAfter).isAfter(Instant.now()))
                                .orElse(false),
                tasks.stream().<Task<?>>map(ClusteredTask::task).toList());
    }
}

package io.releasekit.api.run;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization;
import io.micronaut.context.BeanProvider;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.releasekit.api.scheduling.AdvanceRunTask;
import io.releasekit.api.scheduling.RunScheduling;
import io.releasekit.core.run.RunDispatcher;
import jakarta.inject.Singleton;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches runs through the clustered scheduler: one {@code advance-run} execution per run in the shared database,
 * claimed by one replica. A replica whose scheduler is off ({@code releasekit.scheduler.enabled=false}) only writes
 * the execution; the others run it. A failed dispatch is logged, not thrown: the run is stored already, and the
 * periodic sweep ({@code releasekit.runs.sweep-interval}) schedules it again.
 */
@Singleton
public class ClusteredRunDispatcher implements RunDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ClusteredRunDispatcher.class);

    private final BeanProvider<RunScheduling> scheduling;
    private final BeanProvider<DataSource> dataSource;
    private volatile SchedulerClient client;

    ClusteredRunDispatcher(BeanProvider<RunScheduling> scheduling, BeanProvider<DataSource> dataSource) {
        this.scheduling = scheduling;
        this.dataSource = dataSource;
    }

    @Override
    public void dispatch(String runId) {
        try {
            boolean scheduled = scheduling.isPresent()
                    ? scheduling.get().advance(runId, Instant.now())
                    : client().scheduleIfNotExists(AdvanceRunTask.DESCRIPTOR
                            .instance(runId)
                            .data(runId)
                            .scheduledTo(Instant.now()));
            LOG.debug("run {} {}", runId, scheduled ? "scheduled" : "already has an execution");
        } catch (RuntimeException e) {
            LOG.warn("could not schedule run {}; the next sweep schedules it: {}", runId, e.toString());
        }
    }

    /** A client that only writes executions, for a replica without a scheduler. */
    private SchedulerClient client() {
        SchedulerClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    DataSource ds = DelegatingDataSource.unwrapDataSource(dataSource.get());
                    // the same time handling as the replicas' schedulers (AdvanceRunTask.scheduler)
                    client = SchedulerClient.Builder.create(ds, AdvanceRunTask.task(id -> {}))
                            .jdbcCustomization(new AutodetectJdbcCustomization(ds, true))
                            .build();
                }
                c = client;
            }
        }
        return c;
    }
}

package io.releasekit.api.run;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.releasekit.core.protect.Protection;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunStore;
import io.releasekit.core.service.ServiceGuards;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The run engine of this replica: every {@link ProcessDefinition} bean, the database run store shared by all replicas,
 * the application's service guards, and the clustered scheduler as dispatcher (so a run's steps execute on one replica
 * at a time, and a dead replica's runs are taken over).
 */
@Factory
public class RunEngineFactory {

    /** Builds the engine; {@link RunsLifecycle} resumes unfinished runs at startup and closes it first at shutdown. */
    @Singleton
    @Bean(preDestroy = "close")
    public RunEngine runEngine(
            RunStore store,
            ServiceGuards guards,
            List<ProcessDefinition> definitions,
            ClusteredRunDispatcher dispatcher,
            RunsProperties properties,
            Protection protection) {
        return RunEngine.builder()
                .store(store)
                .guards(guards)
                .protection(protection)
                .definitions(definitions)
                .dispatcher(engine -> dispatcher)
                .followPollInterval(properties.getFollowPollInterval())
                .replayInterval(properties.getReplayInterval())
                .shutdownGrace(properties.getShutdownGrace())
                .storeOutageLimit(properties.getDatabaseOutageLimit())
                .build();
    }
}

package io.releasekit.api.deploy;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.releasekit.core.deploy.DeploymentStatus;
import io.releasekit.core.deploy.DeploymentStatuses;
import io.releasekit.core.deploy.DeploymentWaiter;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.process.deploy.DeploymentVerifyProcess;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured deployments' status endpoints ({@code releasekit.deployments.*}), guarded as {@code
 * deployment:<name>}, the waiter that schedules their re-reads, and {@code deployment.verify}. With none configured the
 * registry is empty and the application still starts.
 */
@Factory
public class DeploymentFactory {

    /** Every configured deployment, guarded. */
    @Singleton
    public DeploymentStatuses deploymentStatuses(List<DeploymentProperties> deployments, ServiceGuards guards) {
        Map<String, DeploymentStatus> m = new LinkedHashMap<>();
        deployments.forEach(d -> m.put(d.getName(), d.toStatus()));
        return DeploymentStatuses.of(m, guards);
    }

    /** Schedules the re-reads of every wait for a deployment; its thread stops with the application. */
    @Singleton
    @Bean(preDestroy = "close")
    public DeploymentWaiter deploymentWaiter() {
        return new DeploymentWaiter(Clock.systemUTC());
    }

    /** {@code deployment.verify}. */
    @Singleton
    @Named(DeploymentVerifyProcess.KIND)
    public ProcessDefinition deploymentVerify(DeploymentStatuses statuses, DeploymentWaiter waiter) {
        return new DeploymentVerifyProcess(statuses, waiter);
    }
}

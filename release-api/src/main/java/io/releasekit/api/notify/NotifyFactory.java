package io.releasekit.api.notify;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.protect.Protection;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.notify.Channels;
import io.releasekit.process.notify.AnnounceProcess;
import io.releasekit.process.notify.DeploymentProcess;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The configured channels ({@code releasekit.channels.*}) and the notification processes over them. With no channel
 * configured the registry is empty and the application still starts.
 */
@Factory
public class NotifyFactory {

    /**
     * Every configured channel, built with the library's own builders, guarded and protected (posts and topic changes
     * pass the protection rules and a run's plan); closed with the application.
     */
    @Singleton
    @Bean(preDestroy = "close")
    public Notifiers notifiers(List<ChannelProperties> channels, ServiceGuards guards, Protection protection) {
        return Channels.registry(
                channels.stream().map(ChannelProperties::toSpec).toList(), guards, protection);
    }

    /** {@code notify.announce}: one deferrable step per channel. */
    @Singleton
    @Named(AnnounceProcess.KIND)
    public ProcessDefinition announceProcess(Notifiers notifiers) {
        return new AnnounceProcess(notifiers);
    }

    /** {@code deployment} (seed 004): set topics, announce, restore topics (always). */
    @Singleton
    @Named(DeploymentProcess.KIND)
    public ProcessDefinition deploymentProcess(Notifiers notifiers) {
        return new DeploymentProcess(notifiers);
    }
}

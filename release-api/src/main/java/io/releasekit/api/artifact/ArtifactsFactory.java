package io.releasekit.api.artifact;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.Verifier;
import io.releasekit.core.artifact.promotion.GateLedger;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.process.artifact.EmergencyPublishProcess;
import io.releasekit.process.artifact.EmergencyPublishSettings;
import io.releasekit.process.artifact.PromoteProcess;
import io.releasekit.process.artifact.PublishProcess;
import io.releasekit.process.artifact.PublishSettings;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the artifact processes ({@code artifacts.publish}, {@code artifacts.promote}, {@code emergency-publish}) as
 * {@link io.releasekit.core.run.ProcessDefinition} beans, over the configured {@link ArtifactStores}.
 */
@Factory
public class ArtifactsFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactsFactory.class);

    /**
     * Publication defaults and trusted keys from {@code releasekit.artifacts.*}; built at start-up so an unreadable
     * key file, a secret key or an unknown signature requirement stops the start with a message naming it.
     */
    @Context
    public PublishSettings publishSettings(ArtifactProperties properties) {
        PublishSettings settings = properties.toSettings();
        LOG.info("artifact files in local stores are hashed by {}", Verifier.hashingEngine());
        return settings;
    }

    /** {@code artifacts.publish}. */
    @Singleton
    @Requires(beans = ArtifactStores.class)
    public PublishProcess publishProcess(ArtifactStores stores, PublishSettings settings) {
        return new PublishProcess(stores, settings);
    }

    /** {@code artifacts.promote}. */
    @Singleton
    @Requires(beans = ArtifactStores.class)
    public PromoteProcess promoteProcess(
            ArtifactStores stores, List<PipelineProperties> pipelines, GateLedger ledger, PublishSettings settings) {
        return new PromoteProcess(
                stores, pipelines.stream().map(PipelineProperties::toPipeline).toList(), ledger, settings);
    }

    /** {@code emergency-publish}. */
    @Singleton
    @Requires(beans = ArtifactStores.class)
    public EmergencyPublishProcess emergencyPublishProcess(
            ArtifactStores stores,
            SourceRepositories repositories,
            EmergencyPublishProperties emergency,
            PublishSettings settings) {
        EmergencyPublishSettings s = emergency.toSettings();
        s.repository().filter(name -> !repositories.contains(name)).ifPresent(name -> {
            throw new InvalidInputException("releasekit.emergency-publish.repository names repository '" + name
                    + "', which is not configured; configured: " + repositories.names());
        });
        return new EmergencyPublishProcess(stores, repositories, s, settings, Clock.systemUTC());
    }
}

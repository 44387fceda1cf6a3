package io.releasekit.api.github;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.FileSystemArtifactStore;
import io.releasekit.core.service.ServiceGuards;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/** Test stand-ins for the GitHub API tests only: a file-system stage store (the webhook's are in WebhookTestBeans). */
@Factory
@Requires(property = "releasekit.test.github", value = "true")
class GitHubTestBeans {

    @Singleton
    @Replaces(ArtifactStores.class)
    ArtifactStores artifactStores(ServiceGuards guards) throws IOException {
        return new ArtifactStores(
                Map.of("beta", new FileSystemArtifactStore(Files.createTempDirectory("releasekit-beta-"))), guards);
    }
}

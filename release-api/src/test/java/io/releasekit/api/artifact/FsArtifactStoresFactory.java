package io.releasekit.api.artifact;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.FileSystemArtifactStore;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.RecordingArtifactStore;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test stores (environment {@code artifacts-fs}): file-system stores in a temp dir replacing the configured ones;
 * {@code artifacts} and {@code releases} pretend to be S3 in two regions behind STS, as in seed 000.
 */
@Factory
@Requires(env = "artifacts-fs")
class FsArtifactStoresFactory {

    /** The temp dir holding one folder per store. */
    record Root(Path path) {}

    @Singleton
    Root root() throws IOException {
        return new Root(Files.createTempDirectory("releasekit-stores"));
    }

    @Singleton
    @Replaces(ArtifactStores.class)
    ArtifactStores stores(Root root, ServiceGuards guards) {
        Map<String, ArtifactStore> m = new LinkedHashMap<>();
        m.put(
                "artifacts",
                new RecordingArtifactStore(fs(root, "artifacts")).asService("s3:us-east-1", "sts:us-east-1"));
        m.put(
                "releases",
                new RecordingArtifactStore(fs(root, "releases")).asService("s3:eu-central-1", "sts:eu-central-1"));
        for (String stage : new String[] {"alpha", "beta", "prod"}) {
            m.put(stage, fs(root, stage));
        }
        return new ArtifactStores(m, guards);
    }

    private static FileSystemArtifactStore fs(Root root, String name) {
        return new FileSystemArtifactStore(root.path().resolve(name));
    }
}

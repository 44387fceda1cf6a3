package io.releasekit.api.store;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.releasekit.api.DataDirectory;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.protect.Protection;
import io.releasekit.core.service.ServiceGuards;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wires the artifact stores from {@code releasekit.stores.*} and Ferrocene's {@code PUBLISHRELEASE_*} variables. With
 * neither, one embedded store {@code local} (type fs) lives in {@code <releasekit.data-dir>/artifacts}.
 */
@Factory
public class StoresFactory {

    /** The name of the embedded default store. */
    public static final String DEFAULT_STORE = "local";

    /** The configured stores, closed (with their SDK clients) when the application stops. */
    @Singleton
    @Bean(preDestroy = "close")
    public ConfiguredStores configuredStores(
            List<StoreProperties> properties,
            PublishReleaseEnvironment publishRelease,
            ServiceGuards guards,
            DataDirectory dataDirectory) {
        Map<String, StoreProperties> byName = new TreeMap<>();
        properties.forEach(p -> byName.put(p.getName(), p.copy()));
        publishRelease.apply(byName);
        if (byName.isEmpty()) {
            StoreProperties local = new StoreProperties(DEFAULT_STORE);
            local.setType(StoreSettings.FS);
            local.setPath("artifacts");
            byName.put(DEFAULT_STORE, local);
        }
        Path data = dataDirectory.path();
        return ConfiguredStores.build(
                byName.values().stream().map(p -> StoreSettings.of(p, data)).toList(), guards);
    }

    /**
     * The registry of stores by name, for processes and steps: each store wrapped in the server's protection, so that
     * every write is checked where it happens (docs/security.md).
     */
    @Singleton
    public ArtifactStores artifactStores(ConfiguredStores stores, ServiceGuards guards, Protection protection) {
        Map<String, ArtifactStore> byName = new TreeMap<>();
        stores.entries().forEach(e -> byName.put(e.name(), e.store()));
        return new ArtifactStores(byName, guards, protection::store);
    }
}

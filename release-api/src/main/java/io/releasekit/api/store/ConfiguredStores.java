package io.releasekit.api.store;

import io.releasekit.aws.AwsIdentity;
import io.releasekit.aws.CredentialSource;
import io.releasekit.aws.S3ArtifactStore;
import io.releasekit.aws.S3ArtifactStoreBuilder;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.FileSystemArtifactStore;
import io.releasekit.core.service.ServiceGuards;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores built from configuration, and everything they hold open (SDK clients, credential providers), closed with
 * the application. S3 stores whose credentials are configured identically (same source, same role, same STS region)
 * share one {@link AwsIdentity}, so objects move between them server-side when they are in the same region.
 */
public final class ConfiguredStores implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredStores.class);

    /**
     * One configured store as the API shows it: never credentials.
     *
     * @param name the store's name
     * @param type {@code fs} or {@code s3}
     * @param store the store
     */
    public record Entry(String name, String type, ArtifactStore store) {}

    private final Map<String, Entry> entries;
    private final List<AutoCloseable> resources;
    private final ArtifactStores registry;

    private ConfiguredStores(Map<String, Entry> entries, List<AutoCloseable> resources, ServiceGuards guards) {
        this.entries = new TreeMap<>(entries);
        this.resources = resources;
        Map<String, ArtifactStore> byName = new HashMap<>();
        entries.forEach((name, e) -> byName.put(name, e.store()));
        this.registry = new ArtifactStores(byName, guards);
    }

    /** Builds every store; on a failure, closes what was built and rethrows. */
    static ConfiguredStores build(List<StoreSettings> settings, ServiceGuards guards) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<AutoCloseable> resources = new ArrayList<>();
        Map<CredentialSource, AwsIdentity> identities = new HashMap<>();
        try {
            for (StoreSettings s : settings) {
                entries.put(s.name(), new Entry(s.name(), s.type(), store(s, guards, identities, resources)));
            }
        } catch (RuntimeException e) {
            new ConfiguredStores(entries, resources, guards).close();
            throw e;
        }
        return new ConfiguredStores(entries, resources, guards);
    }

    /** The registry handed to processes and steps. */
    public ArtifactStores registry() {
        return registry;
    }

    /** Every store, sorted by name. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** Closes the S3 stores, then the shared credentials. */
    @Override
    public void close() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", r, e.toString());
            }
        }
    }

    private static ArtifactStore store(
            StoreSettings s,
            ServiceGuards guards,
            Map<CredentialSource, AwsIdentity> identities,
            List<AutoCloseable> resources) {
        if (s.type().equals(StoreSettings.FS)) {
            return new FileSystemArtifactStore(s.path());
        }
        CredentialSource source = s.credentials().withDefaultStsRegion(s.region());
        AwsIdentity identity = identities.computeIfAbsent(source, c -> {
            AwsIdentity id = AwsIdentity.of(c, guards);
            resources.add(id); // closed after the stores, which were added before it
            return id;
        });
        S3ArtifactStoreBuilder builder = S3ArtifactStore.builder()
                .bucket(s.bucket())
                .prefix(s.prefix())
                .region(s.region())
                .endpoint(s.endpoint())
                .pathStyle(s.pathStyle())
                .identity(identity);
        if (s.multipartThreshold() != null) {
            builder.multipartThreshold(s.multipartThreshold());
        }
        if (s.partSize() != null) {
            builder.partSize(s.partSize());
        }
        if (s.uploadConcurrency() != null) {
            builder.uploadConcurrency(s.uploadConcurrency());
        }
        S3ArtifactStore store = builder.build();
        resources.add(0, store);
        return store;
    }
}

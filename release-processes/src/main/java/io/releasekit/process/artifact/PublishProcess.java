package io.releasekit.process.artifact;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.PublishCommand;
import io.releasekit.core.artifact.Publisher;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import java.util.List;
import java.util.Objects;

/**
 * {@code artifacts.publish}: publish a verified release from one configured store and prefix to another (steps
 * verify-source, copy, verify-destination, write-manifest). No approval needed.
 */
public final class PublishProcess implements ProcessDefinition {

    /** The process kind. */
    public static final String KIND = "artifacts.publish";

    private final ArtifactStores stores;
    private final PublishSettings settings;

    /** The process over the configured stores. */
    public PublishProcess(ArtifactStores stores, PublishSettings settings) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Verify a release against its manifest, copy it to another store and prefix, verify it there, and"
                + " write the manifest last";
    }

    @Override
    public ParameterSpec parameters() {
        return options(ParameterSpec.builder()
                        .string("sourceStore", true, "name of the configured store holding the release")
                        .string("sourcePrefix", true, "prefix of the release in the source store, e.g. 1a2b3c4/")
                        .string("destinationStore", true, "name of the configured store to publish to")
                        .string("destinationPrefix", true, "prefix to publish below, e.g. dist/1.0/"))
                .build();
    }

    /** Adds the options every publishing process accepts. */
    static ParameterSpec.Builder options(ParameterSpec.Builder b) {
        return b.string("manifest", false, "manifest name in the source location (default SHA256SUMS)")
                .bool("overwrite", false, "replace different objects at the destination (default false)")
                .bool(
                        "staged",
                        false,
                        "write each object under a staged key and move it to its final key only once verified,"
                                + " so no reader or bucket trigger sees an unverified object (default false)")
                .string("signatures", false, "none, present, manifest, artifacts or all (default from configuration)");
    }

    @Override
    public List<Step> steps(RunParameters p) {
        ArtifactStore source = stores.get(p.string("sourceStore"));
        ArtifactStore destination = stores.get(p.string("destinationStore"));
        String sourcePrefix = p.string("sourcePrefix");
        String destinationPrefix = p.string("destinationPrefix");
        ArtifactKey.prefix(sourcePrefix); // refuse bad input before the run starts
        ArtifactKey.prefix(destinationPrefix);
        checkOptions(p, settings);
        return PublishSteps.of(
                source,
                destination,
                ctx -> configure(
                        new Publisher(ctx.guards()).publish(source, sourcePrefix, destination, destinationPrefix),
                        p,
                        settings));
    }

    /**
     * Refuses bad options before a run is stored (a 400 at {@code POST /runs}, not a run that fails later): a manifest
     * name that is not a plain relative name, a signature requirement weaker than the configured one.
     */
    static void checkOptions(RunParameters p, PublishSettings settings) {
        p.optionalString("manifest").ifPresent(name -> {
            try {
                ArtifactKey.of(name);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("parameter 'manifest' is not a manifest name: " + e.getMessage(), e);
            }
        });
        settings.publishingPolicy(p.optionalString("signatures"));
    }

    /** Applies the run's options and the settings to a command. */
    static PublishCommand configure(PublishCommand c, RunParameters p, PublishSettings settings) {
        return c.manifest(p.optionalString("manifest").orElse("SHA256SUMS"))
                .overwrite(p.bool("overwrite", false))
                .staged(p.bool("staged", false))
                .signatures(settings.publishingPolicy(p.optionalString("signatures")))
                .trustStoreChecksums(settings.trustStoreChecksums())
                .concurrency(settings.concurrency());
    }
}

package io.releasekit.process.artifact;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.Publisher;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code emergency-publish} (seed 000, "releasing during outages"): publish the CI artifacts of one commit from the
 * artifacts store to the releases store while other services are down. Its steps depend strictly on the two stores'
 * services only (S3 in each region, and STS where a store assumes a role), so the preflight is NO-GO exactly when one
 * of those is down, and an outage of GitHub or chat never blocks it. It needs {@link EmergencyPublishSettings#approvals()}
 * release managers' approvals (two by default), the requester excluded.
 */
public final class EmergencyPublishProcess implements ProcessDefinition {

    /** The process kind. */
    public static final String KIND = "emergency-publish";

    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,40}");

    private final ArtifactStores stores;
    private final EmergencyPublishSettings settings;
    private final PublishSettings publishSettings;

    /** The process over the configured stores. */
    public EmergencyPublishProcess(
            ArtifactStores stores, EmergencyPublishSettings settings, PublishSettings publishSettings) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.publishSettings = Objects.requireNonNull(publishSettings, "publishSettings");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Break-glass: publish the verified CI artifacts of a commit to the releases store, depending only on"
                + " the stores' own services; needs " + settings.approvals() + " release managers' approval";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.builder()
                .string("commit", true, "the commit whose artifacts to publish: 7 to 40 hex digits")
                .bool("overwrite", false, "replace different objects already in the releases store (default false)")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        String commit = commit(p.string("commit"));
        ArtifactStore source = stores.get(settings.artifactsStore());
        ArtifactStore destination = stores.get(settings.releasesStore());
        String sourcePrefix = ArtifactKey.prefix(settings.sourcePrefix().replace("{commit}", commit));
        String destinationPrefix =
                ArtifactKey.prefix(settings.destinationPrefix().replace("{commit}", commit));
        return PublishSteps.of(source, destination, ctx -> new Publisher(ctx.guards())
                .publish(source, sourcePrefix, destination, destinationPrefix)
                .manifest(settings.manifest())
                .overwrite(p.bool("overwrite", false))
                .signatures(publishSettings.publishingPolicy(java.util.Optional.empty()))
                .trustStoreChecksums(publishSettings.trustStoreChecksums())
                .concurrency(publishSettings.concurrency()));
    }

    @Override
    public ApprovalPolicy approvalPolicy(RunParameters parameters) {
        return ApprovalPolicy.releaseManagers(settings.approvals());
    }

    /**
     * Checks and normalises a commit id (lower case).
     *
     * @throws InvalidInputException naming the value when it is not 7 to 40 hex digits
     */
    public static String commit(String value) {
        if (value == null || !COMMIT.matcher(value).matches()) {
            throw new InvalidInputException("commit '" + value + "' is not 7 to 40 hex digits");
        }
        return value.toLowerCase(Locale.ROOT);
    }
}

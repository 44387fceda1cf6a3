package io.releasekit.api.artifact;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.releasekit.process.artifact.EmergencyPublishSettings;
import java.util.Optional;

/**
 * {@code releasekit.emergency-publish.*}: which configured stores the break-glass process reads from and publishes to
 * (seed 000), the prefixes ({@code {commit}} is replaced by the commit id), how many release managers approve, the
 * configured repository a branch, tag or short hash is resolved in (none: full commit ids only) and the key of the
 * release index in the releases store.
 *
 * <pre>{@code
 * releasekit:
 *   emergency-publish:
 *     artifacts-store: artifacts      # the store configured for PUBLISHRELEASE_ARTIFACTS_BUCKET / _ROLE
 *     releases-store: releases        # the store configured for PUBLISHRELEASE_RELEASES_BUCKET
 *     source-prefix: "{commit}/"
 *     destination-prefix: "{commit}/"
 *     manifest: SHA256SUMS
 *     approvals: 2
 *     repository: ferrocene           # optional: resolves main, 24.11.0, 4f3c2b1 to the full commit
 *     index: index.json
 * }</pre>
 */
@ConfigurationProperties("releasekit.emergency-publish")
public class EmergencyPublishProperties {

    private final EmergencyPublishSettings d = EmergencyPublishSettings.defaults();
    private String artifactsStore = d.artifactsStore();
    private String releasesStore = d.releasesStore();
    private String sourcePrefix = d.sourcePrefix();
    private String destinationPrefix = d.destinationPrefix();
    private String manifest = d.manifest();
    private int approvals = d.approvals();
    private String repository;
    private String index = d.index();

    public String getArtifactsStore() {
        return artifactsStore;
    }

    public void setArtifactsStore(String artifactsStore) {
        this.artifactsStore = artifactsStore;
    }

    public String getReleasesStore() {
        return releasesStore;
    }

    public void setReleasesStore(String releasesStore) {
        this.releasesStore = releasesStore;
    }

    public String getSourcePrefix() {
        return sourcePrefix;
    }

    public void setSourcePrefix(String sourcePrefix) {
        this.sourcePrefix = sourcePrefix;
    }

    public String getDestinationPrefix() {
        return destinationPrefix;
    }

    public void setDestinationPrefix(String destinationPrefix) {
        this.destinationPrefix = destinationPrefix;
    }

    public String getManifest() {
        return manifest;
    }

    public void setManifest(String manifest) {
        this.manifest = manifest;
    }

    public int getApprovals() {
        return approvals;
    }

    public void setApprovals(int approvals) {
        this.approvals = approvals;
    }

    public String getRepository() {
        return repository;
    }

    public void setRepository(String repository) {
        this.repository = repository;
    }

    public String getIndex() {
        return index;
    }

    public void setIndex(String index) {
        this.index = index;
    }

    /** The settings these properties describe. */
    public EmergencyPublishSettings toSettings() {
        return new EmergencyPublishSettings(
                artifactsStore,
                releasesStore,
                sourcePrefix,
                destinationPrefix,
                manifest,
                approvals,
                Optional.ofNullable(repository),
                index);
    }
}

package io.releasekit.process.artifact;

import io.releasekit.core.InvalidInputException;
import java.util.Objects;

/**
 * Configuration of {@code emergency-publish} (seed 000).
 *
 * @param artifactsStore the configured store holding CI artifacts (Ferrocene: the {@code ferrocene-ci-artifacts}
 *     bucket, reached through a cross-account role)
 * @param releasesStore the configured store releases are published to ({@code ferrocene-prod-releases})
 * @param sourcePrefix template of the artifacts' prefix; {@code {commit}} stands for the commit id
 * @param destinationPrefix template of the release's prefix in the releases store; {@code {commit}} may be used
 * @param manifest the manifest's name in the artifacts location
 * @param approvals how many distinct release managers must approve (the requester excluded), at least 1
 */
public record EmergencyPublishSettings(
        String artifactsStore,
        String releasesStore,
        String sourcePrefix,
        String destinationPrefix,
        String manifest,
        int approvals) {

    public EmergencyPublishSettings {
        Objects.requireNonNull(artifactsStore, "artifactsStore");
        Objects.requireNonNull(releasesStore, "releasesStore");
        Objects.requireNonNull(sourcePrefix, "sourcePrefix");
        Objects.requireNonNull(destinationPrefix, "destinationPrefix");
        Objects.requireNonNull(manifest, "manifest");
        if (approvals < 1 || approvals > 10) {
            throw new InvalidInputException("emergency-publish approvals must be between 1 and 10, was " + approvals);
        }
    }

    /** Stores {@code artifacts} → {@code releases}, {@code {commit}/} on both sides, SHA256SUMS, two approvals. */
    public static EmergencyPublishSettings defaults() {
        return new EmergencyPublishSettings("artifacts", "releases", "{commit}/", "{commit}/", "SHA256SUMS", 2);
    }
}

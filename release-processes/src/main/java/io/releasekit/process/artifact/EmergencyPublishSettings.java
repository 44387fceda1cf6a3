package io.releasekit.process.artifact;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.artifact.ArtifactKey;
import java.util.Objects;
import java.util.Optional;

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
 * @param repository the configured source repository a branch, tag or short hash is resolved in; empty: only full
 *     40-digit commit ids are accepted
 * @param index the key of the release index in the releases store ({@link #DEFAULT_INDEX} by default)
 */
public record EmergencyPublishSettings(
        String artifactsStore,
        String releasesStore,
        String sourcePrefix,
        String destinationPrefix,
        String manifest,
        int approvals,
        Optional<String> repository,
        String index) {

    /** The release index's default key in the releases store. */
    public static final String DEFAULT_INDEX = "index.json";

    public EmergencyPublishSettings {
        Objects.requireNonNull(artifactsStore, "artifactsStore");
        Objects.requireNonNull(releasesStore, "releasesStore");
        Objects.requireNonNull(sourcePrefix, "sourcePrefix");
        Objects.requireNonNull(destinationPrefix, "destinationPrefix");
        Objects.requireNonNull(manifest, "manifest");
        if (approvals < 1 || approvals > 10) {
            throw new InvalidInputException("emergency-publish approvals must be between 1 and 10, was " + approvals);
        }
        repository = Objects.requireNonNull(repository, "repository").filter(r -> !r.isBlank());
        ArtifactKey.of(Objects.requireNonNull(index, "index")); // a valid key, named in the message when not
    }

    /** Settings without a repository (full commit ids only) and with the default index key. */
    public EmergencyPublishSettings(
            String artifactsStore,
            String releasesStore,
            String sourcePrefix,
            String destinationPrefix,
            String manifest,
            int approvals) {
        this(
                artifactsStore,
                releasesStore,
                sourcePrefix,
                destinationPrefix,
                manifest,
                approvals,
                Optional.empty(),
                DEFAULT_INDEX);
    }

    /** Stores {@code artifacts} → {@code releases}, {@code {commit}/} on both sides, SHA256SUMS, two approvals. */
    public static EmergencyPublishSettings defaults() {
        return new EmergencyPublishSettings("artifacts", "releases", "{commit}/", "{commit}/", "SHA256SUMS", 2);
    }

    /** These settings resolving branches, tags and short hashes in the configured repository {@code name}. */
    public EmergencyPublishSettings withRepository(String name) {
        return new EmergencyPublishSettings(
                artifactsStore,
                releasesStore,
                sourcePrefix,
                destinationPrefix,
                manifest,
                approvals,
                Optional.of(name),
                index);
    }
}

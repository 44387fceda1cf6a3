package io.releasekit.core.image;

import io.releasekit.core.host.StreamSource;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A container image registry (OCI Distribution v1.1 / Docker Registry v2): the port of the {@code release-registry}
 * adapters. Repositories are paths within the registry ({@code packit/packit-service}); a reference is a tag or a
 * digest.
 *
 * <p>Take a registry from {@link ImageRegistries}: the ones it hands out call every method through the service guard
 * named by {@link #service()} ({@code registry:<host>}), so callers never guard by hand. Errors are {@link
 * io.releasekit.core.ReleaseException}s: {@link io.releasekit.core.NotFoundException} for a missing repository or
 * blob, {@link io.releasekit.core.NotPermittedException} when the registry refuses the credentials or the operation
 * (e.g. deletion switched off), {@link io.releasekit.core.ServiceUnavailableException} for 5xx and connection failures,
 * {@link io.releasekit.core.RateLimitedException} for 429.
 *
 * <p>The writes that destroy content are {@link #deleteTag} and {@link #deleteManifest}; a protection decorator that
 * requires approvals wraps the port and checks them (see {@link ImageRegistries}).
 */
public interface ImageRegistry {

    /** The name the registry is configured under ({@code quay}, {@code staging}). */
    String name();

    /** The registry's host and port as references name it ({@code quay.io}, {@code localhost:5000}). */
    String host();

    /** The service guard the registry's calls go through: {@code registry:<host>}. */
    String service();

    /**
     * Every tag of a repository, following the registry's {@code Link} pagination.
     *
     * @throws io.releasekit.core.NotFoundException when the repository does not exist
     */
    List<String> listTags(String repository);

    /**
     * The manifest a tag or digest names, with its exact bytes; empty when there is none. Reads OCI image manifests and
     * indexes and Docker v2 schema 2 manifests and manifest lists.
     */
    Optional<ImageManifest> manifest(String repository, String reference);

    /**
     * The digest a tag or digest names (a {@code HEAD} request where the registry answers one), or empty when there is
     * none.
     */
    default Optional<ImageDigest> resolve(String repository, String reference) {
        return manifest(repository, reference).map(ImageManifest::digest);
    }

    /**
     * The config of an image: of the manifest itself, or for an index of its first child manifest. An artifact
     * without an image config answers {@link ImageConfig#empty()}.
     */
    ImageConfig config(String repository, ImageManifest manifest);

    /** Whether a blob exists in a repository. */
    boolean hasBlob(String repository, ImageDigest digest);

    /**
     * Asks the registry to mount a blob of {@code fromRepository} into {@code repository} without transferring it.
     *
     * @return whether the registry mounted it ({@code false}: it wants an upload instead)
     */
    boolean mountBlob(String repository, ImageDigest digest, String fromRepository);

    /**
     * Opens a blob for streaming; the caller closes the stream.
     *
     * @throws io.releasekit.core.NotFoundException when the blob does not exist
     */
    InputStream openBlob(String repository, ImageDigest digest);

    /**
     * Uploads a blob, streamed from {@code content} (opened again if the upload is tried again); the registry checks
     * the digest.
     */
    void pushBlob(String repository, Descriptor blob, StreamSource content);

    /**
     * Stores manifest bytes under a tag or their digest.
     *
     * @return the digest the registry computed
     */
    ImageDigest putManifest(String repository, String reference, String mediaType, byte[] bytes);

    /** Whether {@link #deleteTag} removes a tag alone (Quay's API); plain distribution can only delete manifests. */
    default boolean supportsTagDelete() {
        return false;
    }

    /**
     * Removes one tag, leaving its manifest and other tags in place.
     *
     * @throws io.releasekit.core.NotPermittedException when the registry cannot remove a tag alone
     */
    default void deleteTag(String repository, String tag) {
        throw new io.releasekit.core.NotPermittedException("registry '" + name() + "' (" + host()
                + ") cannot delete tag '" + tag + "' alone: the distribution API deletes manifests only");
    }

    /**
     * Deletes a manifest and with it every tag that points to it.
     *
     * @throws io.releasekit.core.NotPermittedException when the registry has deletion switched off
     */
    void deleteManifest(String repository, ImageDigest digest);
}

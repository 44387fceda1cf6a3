package io.releasekit.core.image;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A manifest as the registry stores it: its exact bytes (so that a copy keeps its digest), its media type and digest,
 * and what it references — the config and layer blobs of an image manifest, or the child manifests of an image index.
 *
 * @param digest the digest of {@link #bytes()}
 * @param mediaType the media type the registry answered ({@code Content-Type})
 * @param bytes the manifest's bytes, unchanged
 * @param config the config blob of an image manifest
 * @param layers the layer blobs of an image manifest, in order
 * @param manifests the child manifests of an index
 */
public record ImageManifest(
        ImageDigest digest,
        String mediaType,
        byte[] bytes,
        Optional<Descriptor> config,
        List<Descriptor> layers,
        List<Descriptor> manifests) {

    /** OCI image manifest. */
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** OCI image index. */
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    /** Docker image manifest v2, schema 2. */
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    /** Docker manifest list (the index of schema 2). */
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    /** Every manifest media type releasekit reads, for {@code Accept}. */
    public static final Set<String> MEDIA_TYPES = Set.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST);

    /** Validates the parts and copies the lists. */
    public ImageManifest {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        bytes = Objects.requireNonNull(bytes, "bytes").clone();
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
        manifests = List.copyOf(manifests);
    }

    /** Whether this is an index (manifest list) of child manifests. */
    public boolean isIndex() {
        return mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_LIST);
    }

    /** The manifest's bytes (a copy). */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The blobs this manifest references directly: config first, then layers. */
    public List<Descriptor> blobs() {
        return config.map(c -> java.util.stream.Stream.concat(java.util.stream.Stream.of(c), layers.stream())
                        .toList())
                .orElse(layers);
    }

    /** Size of the manifest itself plus the blobs it references directly. */
    public long contentSize() {
        return bytes.length + blobs().stream().mapToLong(Descriptor::size).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageManifest m
                && m.digest.equals(digest)
                && m.mediaType.equals(mediaType)
                && Arrays.equals(m.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return "ImageManifest[" + digest + ", " + mediaType + ", " + bytes.length + " bytes]";
    }
}

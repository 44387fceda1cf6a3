package io.releasekit.core.image;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an image's config blob says that releasekit uses: when it was built and its labels (e.g.
 * {@code org.opencontainers.image.revision}, the git commit it was built from).
 *
 * @param created the build time, if the config has one
 * @param labels the image's labels
 */
public record ImageConfig(Optional<Instant> created, Map<String, String> labels) {

    /** The OCI label for the source revision (the git commit). */
    public static final String REVISION_LABEL = "org.opencontainers.image.revision";

    /** Copies the labels. */
    public ImageConfig {
        Objects.requireNonNull(created, "created");
        labels = Map.copyOf(labels);
    }

    /** A config with neither time nor labels (an artifact without an image config). */
    public static ImageConfig empty() {
        return new ImageConfig(Optional.empty(), Map.of());
    }
}

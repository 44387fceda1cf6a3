package io.releasekit.core.chart;

import io.releasekit.core.image.ImageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * A Helm chart repository: an HTTP repository with an {@code index.yaml}, or an OCI registry holding charts as
 * artifacts. The port of the {@code release-registry} chart adapters; take it from {@link ChartRepositories}, which
 * guards its calls with {@link #service()}.
 */
public interface ChartRepository {

    /** The name the repository is configured under. */
    String name();

    /** The service guard its calls go through ({@code registry:<host>} or {@code helm:<host>}). */
    String service();

    /**
     * A published version of a chart with the digest of its package (the {@code .tgz}) where the repository records
     * it; empty when that version (or the chart) was never published. An OCI repository stores {@code +} of a version
     * as {@code _} in its tag; both spellings find it.
     */
    Optional<Published> find(String chart, String version);

    /**
     * One published chart version.
     *
     * @param version the version as published
     * @param digest the sha256 of the chart package, if the repository records it
     */
    record Published(String version, Optional<ImageDigest> digest) {
        public Published {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(digest, "digest");
        }
    }
}

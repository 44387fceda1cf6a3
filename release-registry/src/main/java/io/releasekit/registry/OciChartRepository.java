package io.releasekit.registry;

import io.releasekit.core.chart.ChartRepository;
import io.releasekit.core.image.Descriptor;
import io.releasekit.core.image.ImageManifest;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.image.ImageRepositories;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ChartRepository} over an OCI registry holding charts as artifacts ({@code helm push chart.tgz
 * oci://host/namespace}): chart {@code c} version {@code v} is tag {@code v} (with {@code +} written {@code _}) of
 * repository {@code namespace/c}, and the package digest is the digest of its chart-content layer. Guarded as the
 * registry is ({@code registry:<host>}).
 */
public final class OciChartRepository implements ChartRepository {

    /** The media type of a chart package layer. */
    public static final String CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

    private final String name;
    private final ImageRegistry registry;
    private final String namespace;

    /**
     * @param name the name the repository is configured under
     * @param registry the registry (unguarded: {@link io.releasekit.core.chart.ChartRepositories} guards)
     * @param namespace the path charts are pushed under ({@code aether/charts}), or empty for the registry's root
     */
    public OciChartRepository(String name, ImageRegistry registry, String namespace) {
        this.name = Objects.requireNonNull(name, "name");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.namespace = namespace == null || namespace.isBlank() ? "" : ImageRepositories.check(namespace);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String service() {
        return registry.service();
    }

    @Override
    public Optional<Published> find(String chart, String version) {
        String repo = ImageRepositories.check(namespace.isEmpty() ? chart : namespace + "/" + chart);
        String tag = ImageRepositories.checkTag(version.replace('+', '_'));
        Optional<ImageManifest> m = registry.manifest(repo, tag);
        return m.map(manifest -> new Published(
                version,
                manifest.layers().stream()
                        .filter(l -> l.mediaType().equals(CHART_LAYER))
                        .map(Descriptor::digest)
                        .findFirst()));
    }
}

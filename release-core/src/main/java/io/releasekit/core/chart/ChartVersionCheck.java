package io.releasekit.core.chart;

import io.releasekit.core.chart.internal.YamlTree;
import io.releasekit.core.image.ImageDigest;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Checks that a chart version is unique in a chart repository: not published, or published with exactly the package
 * about to be published. A version published with another package, or published when the caller cannot say what it
 * is about to publish, is a {@link ChartVersionOutcome.Conflict}.
 *
 * <pre>{@code
 * ChartVersionOutcome o = ChartVersionCheck.check(repos.get("aether"), "sd-core", "2.1.4", Optional.of(packageDigest));
 * }</pre>
 */
public final class ChartVersionCheck {

    private ChartVersionCheck() {}

    /**
     * Checks.
     *
     * @param repository the chart repository (guarded, from {@link ChartRepositories})
     * @param chart the chart name
     * @param version the version about to be published
     * @param packageDigest the sha256 of the package about to be published, if known
     */
    public static ChartVersionOutcome check(
            ChartRepository repository, String chart, String version, Optional<ImageDigest> packageDigest) {
        Optional<ChartRepository.Published> found = repository.find(chart, version);
        if (found.isEmpty()) {
            return new ChartVersionOutcome.Unique(chart, version);
        }
        ChartRepository.Published p = found.get();
        if (packageDigest.isEmpty()) {
            return new ChartVersionOutcome.Conflict(
                    chart,
                    version,
                    p.digest(),
                    "version " + version + " of chart '" + chart + "' is already published in '" + repository.name()
                            + "'");
        }
        if (p.digest().isEmpty()) {
            return new ChartVersionOutcome.Conflict(
                    chart,
                    version,
                    Optional.empty(),
                    "version " + version
                            + " is already published in '" + repository.name()
                            + "', which does not record its digest, so its content cannot be compared");
        }
        if (p.digest().get().equals(packageDigest.get())) {
            return new ChartVersionOutcome.SameContent(chart, version, packageDigest.get());
        }
        return new ChartVersionOutcome.Conflict(
                chart,
                version,
                p.digest(),
                "version " + version + " of chart '"
                        + chart + "' is already published in '" + repository.name() + "' with different content ("
                        + p.digest().get() + "; the package to publish is " + packageDigest.get() + ")");
    }

    /**
     * Checks the chart in {@code chartDir} of {@code source}: its {@code Chart.yaml} name and version.
     *
     * @throws io.releasekit.core.InvalidInputException when there is no {@code Chart.yaml} with a name and version
     */
    public static ChartVersionOutcome check(
            ChartRepository repository, ChartSource source, String chartDir, Optional<ImageDigest> packageDigest) {
        String file = ChartSource.join(chartDir, "Chart.yaml");
        YamlTree chart = YamlTree.parse(
                file,
                source.read(file)
                        .orElseThrow(
                                () -> new io.releasekit.core.InvalidInputException("'" + file + "' does not exist")));
        String name = chart.scalar("name")
                .map(ScalarNode::getValue)
                .orElseThrow(() -> new io.releasekit.core.InvalidInputException("'" + file + "' has no name"));
        String version = chart.scalar("version")
                .map(ScalarNode::getValue)
                .orElseThrow(() -> new io.releasekit.core.InvalidInputException("'" + file + "' has no version"));
        return check(repository, name, version, packageDigest);
    }
}

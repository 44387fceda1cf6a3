package io.releasekit.process.chart;

import io.releasekit.core.chart.ChartRepositories;
import io.releasekit.core.image.ImageDigest;
import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.process.image.ReleaseCheckStep;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * {@code chart.check} (seed 003): a gate over a Helm chart of a configured git repository and its sub-charts — chart
 * versions SemVer without {@code -dev}, every image reference pinned by SemVer tag or digest, and (with
 * {@code chartRepository}) the version not yet published there with other content, and (with {@code requireImages})
 * every pinned image present in its configured registry. One step, {@code check-chart}.
 */
public final class ChartCheckProcess implements ProcessDefinition {

    /** The kind. */
    public static final String KIND = "chart.check";

    private final SourceRepositories repositories;
    private final ChartRepositories charts;
    private final ImageRegistries registries;

    /**
     * @param repositories the configured git repositories
     * @param charts the configured chart repositories (may be empty)
     * @param registries the configured image registries, for {@code requireImages} (may be empty)
     */
    public ChartCheckProcess(SourceRepositories repositories, ChartRepositories charts, ImageRegistries registries) {
        this.repositories = repositories;
        this.charts = charts;
        this.registries = registries;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Helm chart check: SemVer chart versions without -dev, SemVer or digest image references, version unique"
                + " in the chart repository (seed 003)";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.builder()
                .string("repository", true, "configured git repository holding the chart")
                .string("chart", true, "chart directory in the repository, e.g. charts/sd-core")
                .string("revision", false, "branch, tag or commit to check (default main)")
                .strings("extraValues", false, "values files besides values.yaml, e.g. values-prod.yaml")
                .strings("refuse", false, "tags refused besides latest, master, main, stable, edge")
                .string("chartRepository", false, "configured chart repository the version must be unique in")
                .string("packageDigest", false, "sha256:... of the chart package about to be published")
                .bool(
                        "requireImages",
                        false,
                        "every pinned image must exist in its configured registry (default false)")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        return List.of(new ReleaseCheckStep(
                "check-chart",
                repositories.get(p.string("repository")),
                Optional.empty(),
                List.of(),
                Optional.of(p.string("chart")),
                p.strings("extraValues"),
                new HashSet<>(p.strings("refuse")),
                p.optionalString("chartRepository").map(charts::get),
                p.optionalString("packageDigest").map(ImageDigest::of),
                p.bool("requireImages", false) ? Optional.of(registries) : Optional.empty()));
    }
}

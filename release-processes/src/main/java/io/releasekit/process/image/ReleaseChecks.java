package io.releasekit.process.image;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.chart.ChartCheck;
import io.releasekit.core.chart.ChartFinding;
import io.releasekit.core.chart.ChartImagesExist;
import io.releasekit.core.chart.ChartReport;
import io.releasekit.core.chart.ChartRepository;
import io.releasekit.core.chart.ChartSource;
import io.releasekit.core.chart.ChartVersionCheck;
import io.releasekit.core.chart.ChartVersionOutcome;
import io.releasekit.core.image.DockerfileCheck;
import io.releasekit.core.image.DockerfileReport;
import io.releasekit.core.image.ImageDigest;
import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.scm.SourceRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The release checks of seed 003 over files of a configured git repository at a revision: Dockerfile base images
 * pinned, chart images SemVer or digest, chart version SemVer without {@code -dev} and unique in a chart repository.
 * Used by the {@code image.check} and {@code chart.check} kinds, by the Aether recipes as a gate before they write, and
 * by the REST check endpoints.
 *
 * @param repository the git repository the files are read from
 * @param revision the revision
 * @param refuse tags refused besides latest, master, main, stable, edge
 */
public record ReleaseChecks(SourceRepository repository, String revision, Set<String> refuse) {

    /** Validates the parts. */
    public ReleaseChecks {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(revision, "revision");
        refuse = Set.copyOf(refuse);
    }

    /**
     * Checks Dockerfiles.
     *
     * @throws InvalidInputException when a file does not exist at the revision
     */
    public List<DockerfileReport> dockerfiles(List<String> paths) {
        List<DockerfileReport> out = new ArrayList<>();
        for (String path : paths) {
            String clean = ChartSource.clean(path);
            String text = repository
                    .readFile(revision, clean)
                    .orElseThrow(() -> new InvalidInputException("Dockerfile '" + clean + "' does not exist at '"
                            + revision + "' in repository '" + repository.name() + "'"));
            out.add(DockerfileCheck.defaults().refusing(refuse).check(clean, text));
        }
        return out;
    }

    /** Checks a chart and its sub-charts. */
    public ChartReport chart(String chartDir, List<String> extraValues) {
        return ChartCheck.defaults()
                .refusing(refuse)
                .check(ChartSource.git(repository, revision, extraValues), chartDir);
    }

    /** Checks that the chart's version is not published in {@code chartRepository} (with other content). */
    public ChartVersionOutcome uniqueness(
            ChartRepository chartRepository, String chartDir, Optional<ImageDigest> digest) {
        return ChartVersionCheck.check(
                chartRepository, ChartSource.git(repository, revision, List.of()), chartDir, digest);
    }

    /** The chart's pinned images that do not exist in their (configured) registries. */
    public static List<String> missingImages(ChartReport chart, ImageRegistries registries) {
        return ChartImagesExist.check(chart, registries).stream()
                .map(ChartFinding::toString)
                .toList();
    }

    /** Every finding of the reports, one line each. */
    public static List<String> findings(
            List<DockerfileReport> dockerfiles, Optional<ChartReport> chart, Optional<ChartVersionOutcome> version) {
        List<String> out = new ArrayList<>();
        dockerfiles.forEach(r -> r.findings().forEach(f -> out.add(f.toString())));
        chart.ifPresent(c -> c.findings().stream().map(ChartFinding::toString).forEach(out::add));
        version.filter(v -> v instanceof ChartVersionOutcome.Conflict)
                .map(v -> ((ChartVersionOutcome.Conflict) v).reason())
                .ifPresent(out::add);
        return out;
    }
}

package io.releasekit.process.image;

import io.releasekit.core.chart.ChartReport;
import io.releasekit.core.chart.ChartRepository;
import io.releasekit.core.chart.ChartVersionOutcome;
import io.releasekit.core.image.CheckFailedException;
import io.releasekit.core.image.DockerfileReport;
import io.releasekit.core.image.ImageDigest;
import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.scm.SourceRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A gate over the release checks: reads Dockerfiles and a chart from a git repository at a revision, checks them, and
 * fails the run with {@link CheckFailedException} listing every finding. Writes nothing, so it runs in dry runs too and
 * before a recipe's first write.
 *
 * @param name the step name
 * @param repository the git repository
 * @param revision the revision, or empty to read it from the run's {@code revision} parameter (default {@code main})
 * @param dockerfiles the Dockerfiles to check
 * @param chart the chart directory to check, if any
 * @param extraValues values files besides {@code values.yaml} to read
 * @param refuse tags refused besides the moving ones
 * @param chartRepository the chart repository the chart version must be unique in, if any
 * @param packageDigest the digest of the chart package about to be published, if known
 * @param imagesIn the registries every pinned chart image must exist in, if that is asked for
 */
public record ReleaseCheckStep(
        String name,
        SourceRepository repository,
        Optional<String> revision,
        List<String> dockerfiles,
        Optional<String> chart,
        List<String> extraValues,
        Set<String> refuse,
        Optional<ChartRepository> chartRepository,
        Optional<ImageDigest> packageDigest,
        Optional<ImageRegistries> imagesIn)
        implements Step {

    @Override
    public List<ServiceNeed> services() {
        return chartRepository
                .map(r -> List.of(ServiceNeed.strict(r.service())))
                .orElse(List.of());
    }

    @Override
    public boolean writes() {
        return false;
    }

    @Override
    public StepOutcome execute(StepContext ctx) {
        String rev = revision.orElseGet(
                () -> ctx.parameters().optionalString("revision").orElse("main"));
        ReleaseChecks checks = new ReleaseChecks(repository, rev, refuse);
        List<DockerfileReport> files = checks.dockerfiles(dockerfiles);
        Optional<ChartReport> chartReport = chart.map(c -> checks.chart(c, extraValues));
        Optional<ChartVersionOutcome> version =
                chart.flatMap(c -> chartRepository.map(r -> checks.uniqueness(r, c, packageDigest)));
        List<String> findings = new java.util.ArrayList<>(ReleaseChecks.findings(files, chartReport, version));
        chartReport.ifPresent(r -> imagesIn.ifPresent(rs -> findings.addAll(ReleaseChecks.missingImages(r, rs))));
        String what = "release checks of " + describe() + " at '" + rev + "' in repository '" + repository.name() + "'";
        if (!findings.isEmpty()) {
            throw new CheckFailedException(what, findings);
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("dockerfiles", String.valueOf(files.size()));
        chartReport.ifPresent(r -> {
            out.put("charts", String.join(", ", r.charts()));
            out.put("images", String.valueOf(r.images().size()));
        });
        version.ifPresent(v -> out.put("chartVersion", v.getClass().getSimpleName() + " " + v.version()));
        return StepOutcome.succeeded(
                what + " passed: " + files.size() + " Dockerfile(s)"
                        + chartReport
                                .map(r -> ", " + r.charts().size() + " chart(s), "
                                        + r.images().size() + " image(s)")
                                .orElse("")
                        + version.map(v -> ", version " + v.version() + " not yet published")
                                .orElse(""),
                out);
    }

    private String describe() {
        StringBuilder b = new StringBuilder();
        if (!dockerfiles.isEmpty()) {
            b.append(dockerfiles);
        }
        chart.ifPresent(
                c -> b.append(b.length() > 0 ? " and " : "").append("chart ").append(c));
        return b.toString();
    }

    /** The parameters with which a recipe asks for the release checks before it writes. */
    public static ParameterSpec.Builder gateParameters(ParameterSpec.Builder b) {
        return b.strings(
                        "checkDockerfiles",
                        false,
                        "Dockerfiles that must pass the image check before anything is written")
                .string(
                        "checkChart",
                        false,
                        "chart directory that must pass the chart check before anything is written")
                .strings("checkRefuse", false, "tags the checks refuse besides latest, master, main, stable, edge");
    }

    /**
     * The gate a recipe runs before its first write when the run asks for checks, inserted after the recipe's fetch
     * (so the checked files are the remote's) or first.
     *
     * @param steps the recipe's steps, changed in place
     * @param repo the repository
     * @param revision the revision whose files are checked
     * @param p the run's parameters
     */
    public static void insertGate(List<Step> steps, SourceRepository repo, String revision, RunParameters p) {
        List<String> files = p.strings("checkDockerfiles");
        Optional<String> chart = p.optionalString("checkChart");
        if (files.isEmpty() && chart.isEmpty()) {
            return;
        }
        Step gate = new ReleaseCheckStep(
                "release-checks",
                repo,
                Optional.of(revision),
                files,
                chart,
                List.of(),
                new java.util.HashSet<>(p.strings("checkRefuse")),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        int at = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).name().endsWith("fetch")) {
                at = i + 1;
                break;
            }
        }
        steps.add(at, gate);
    }
}

package io.releasekit.api.image;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.releasekit.api.image.ImageViews.ChartCheckView;
import io.releasekit.api.image.ImageViews.DigestView;
import io.releasekit.api.image.ImageViews.DockerfileCheckView;
import io.releasekit.api.image.ImageViews.RegistryView;
import io.releasekit.api.image.ImageViews.VersionView;
import io.releasekit.api.problem.Problem;
import io.releasekit.api.problem.ProblemResponses;
import io.releasekit.api.security.Roles;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.chart.ChartFinding;
import io.releasekit.core.chart.ChartImagesExist;
import io.releasekit.core.chart.ChartReport;
import io.releasekit.core.chart.ChartRepositories;
import io.releasekit.core.image.ImageDigest;
import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.process.image.ReleaseChecks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The read-only release checks (seed 003) on files of repositories configured by name — never a path or URL from the
 * request: Dockerfile base images, Helm charts with their image references and version uniqueness; and what the
 * configured image registries hold. A check that finds something is a 200 with {@code ok: false}; the gate that fails
 * a run is the {@code image.check} / {@code chart.check} run kind.
 */
@Controller("/api/v1")
@Tag(name = "images")
@ProblemResponses
@Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
public class ImageChecksController {

    private static final String PROBLEM = "application/problem+json";

    private final SourceRepositories repositories;
    private final ImageRegistries registries;
    private final ChartRepositories charts;

    ImageChecksController(SourceRepositories repositories, ImageRegistries registries, ChartRepositories charts) {
        this.repositories = repositories;
        this.registries = registries;
        this.charts = charts;
    }

    /** Checks Dockerfiles of a configured repository at a revision. */
    @Get("/checks/dockerfile")
    @ProblemResponses.Upstream
    @Operation(operationId = "checkDockerfiles", summary = "Check that every FROM is pinned by digest or SemVer tag")
    @ApiResponse(responseCode = "200", description = "the check's result; ok is false when a FROM is refused")
    @ApiResponse(
            responseCode = "400",
            description =
                    "invalid-input: a path leaving the repository, a file missing at" + " the revision or without FROM",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(
            responseCode = "404",
            description = "not-found: no such configured repository or revision",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public DockerfileCheckView dockerfile(
            @QueryValue @Parameter(description = "configured git repository") String repository,
            @Nullable @QueryValue @Parameter(description = "branch, tag or commit (default main)") String revision,
            @Nullable @QueryValue @Parameter(description = "Dockerfile paths (default Dockerfile)") List<String> path,
            @Nullable @QueryValue @Parameter(description = "tags refused besides latest, master, main, stable, edge")
                    List<String> refuse) {
        return DockerfileCheckView.of(checks(repository, revision, refuse)
                .dockerfiles(path == null || path.isEmpty() ? List.of("Dockerfile") : path));
    }

    /** Checks a chart (and its sub-charts) of a configured repository at a revision. */
    @Get("/checks/chart")
    @ProblemResponses.Upstream
    @Operation(
            operationId = "checkChart",
            summary = "Check a Helm chart: SemVer versions without -dev, pinned images, version unique in a chart"
                    + " repository")
    @ApiResponse(responseCode = "200", description = "the check's result; ok is false when anything is refused")
    @ApiResponse(
            responseCode = "400",
            description = "invalid-input: no Chart.yaml there, YAML that does not parse, a"
                    + " path leaving the repository, a malformed digest",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(
            responseCode = "404",
            description = "not-found: no such configured repository, revision or chart" + " repository",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(
            responseCode = "503",
            description = "service-unavailable: the chart repository cannot be reached",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public ChartCheckView chart(
            @QueryValue @Parameter(description = "configured git repository") String repository,
            @QueryValue @Parameter(description = "chart directory, e.g. charts/sd-core") String chart,
            @Nullable @QueryValue @Parameter(description = "branch, tag or commit (default main)") String revision,
            @Nullable @QueryValue @Parameter(description = "values files besides values.yaml") List<String> extraValues,
            @Nullable @QueryValue @Parameter(description = "tags refused besides the moving ones") List<String> refuse,
            @Nullable @QueryValue @Parameter(description = "configured chart repository for the version check")
                    String chartRepository,
            @Nullable @QueryValue @Parameter(description = "sha256:... of the package about to be published")
                    String packageDigest,
            @Nullable @QueryValue @Parameter(description = "every pinned image must exist in its configured registry")
                    Boolean requireImages) {
        ReleaseChecks checks = checks(repository, revision, refuse);
        VersionView version = chartRepository == null
                ? null
                : VersionView.of(checks.uniqueness(
                        charts.get(chartRepository),
                        chart,
                        Optional.ofNullable(packageDigest).map(ImageDigest::of)));
        ChartReport report = checks.chart(chart, extraValues == null ? List.of() : extraValues);
        List<ChartFinding> missing =
                Boolean.TRUE.equals(requireImages) ? ChartImagesExist.check(report, registries) : List.of();
        return ChartCheckView.of(report, missing, version);
    }

    /** The configured registries. */
    @Get("/registries")
    @Operation(operationId = "listRegistries", summary = "List the configured image registries")
    public List<RegistryView> registries() {
        return registries.names().stream()
                .map(registries::get)
                .map(r -> new RegistryView(r.name(), r.host(), r.service()))
                .toList();
    }

    /** The digest a tag names. */
    @Get("/registries/{name}/digest")
    @ProblemResponses.Upstream
    @Operation(operationId = "resolveImageDigest", summary = "Resolve an image tag to its manifest digest")
    @ApiResponse(responseCode = "200", description = "the digest")
    @ApiResponse(
            responseCode = "400",
            description = "invalid-input: a malformed repository or tag",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(
            responseCode = "403",
            description = "forbidden: the registry refused the configured credentials",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(
            responseCode = "404",
            description = "not-found: no such registry, repository or tag",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(
            responseCode = "429",
            description = "rate-limited: the registry's rate limit, with Retry-After",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(
            responseCode = "503",
            description = "service-unavailable: the registry cannot be reached or its" + " breaker is open",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public DigestView digest(
            @PathVariable String name,
            @QueryValue @Parameter(description = "repository, e.g. packit/packit-service") String repository,
            @QueryValue @Parameter(description = "tag or digest") String reference) {
        ImageRegistry r = registries.get(name);
        ImageDigest d = r.resolve(repository, reference)
                .orElseThrow(() -> new NotFoundException(
                        "no image '" + repository + ":" + reference + "' in registry '" + name + "'"));
        return new DigestView(repository, reference, d.value());
    }

    private ReleaseChecks checks(String repository, String revision, List<String> refuse) {
        return new ReleaseChecks(
                repositories.get(repository),
                revision == null ? "main" : revision,
                new HashSet<>(refuse == null ? List.of() : refuse));
    }
}

package io.releasekit.api.artifact;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.api.problem.ProblemResponses;
import io.releasekit.api.security.Roles;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.Verifier;
import io.releasekit.core.artifact.promotion.GateLedger;
import io.releasekit.core.artifact.promotion.GateResult;
import io.releasekit.core.artifact.promotion.GateStatus;
import io.releasekit.core.artifact.promotion.PromotionPipeline;
import io.releasekit.core.artifact.promotion.Stage;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.process.artifact.PublishSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Artifact verification and promotion gates. Publishing, promoting and emergency publishing run as processes
 * ({@code artifacts.publish}, {@code artifacts.promote}, {@code emergency-publish}) through the runs API.
 */
@Controller("/api/v1/artifacts")
@Tag(name = "artifacts")
@ProblemResponses
@ExecuteOn(TaskExecutors.BLOCKING) // hashing, store and database calls block: keep them off the event loop
@Requires(beans = ArtifactStores.class)
public class ArtifactsController {

    private final ArtifactStores stores;
    private final ServiceGuards guards;
    private final PublishSettings settings;
    private final GateLedger ledger;
    private final List<PipelineProperties> pipelines;
    private final Clock clock = Clock.systemUTC();

    ArtifactsController(
            ArtifactStores stores,
            ServiceGuards guards,
            PublishSettings settings,
            GateLedger ledger,
            List<PipelineProperties> pipelines) {
        this.stores = stores;
        this.guards = guards;
        this.settings = settings;
        this.ledger = ledger;
        this.pipelines = pipelines;
    }

    /** Verifies a location of a configured store against its manifest (or an uploaded one). */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/verify")
    @ProblemResponses.NotFound
    @ProblemResponses.Upstream
    @Operation(
            operationId = "verifyArtifacts",
            summary = "Verify a location against its manifest: per-artifact report (200 even when it fails)")
    public VerificationView verify(@Body @Valid VerifyRequest request) {
        Verifier.Command c = new Verifier(guards, clock)
                .verify(
                        stores.get(request.store()),
                        Optional.ofNullable(request.prefix()).orElse(""))
                .signatures(settings.policy(Optional.ofNullable(request.signatures())))
                .trustStoreChecksums(
                        Optional.ofNullable(request.trustStoreChecksums()).orElse(settings.trustStoreChecksums()));
        if (request.manifestContent() != null) {
            c.manifest(request.manifestContent().getBytes(StandardCharsets.UTF_8));
        } else if (request.manifest() != null) {
            c.manifest(request.manifest());
        }
        return VerificationView.of(c.call());
    }

    /** Records a gate result for a build at a stage (CI calls this after a stage's tests). */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/gates")
    @ProblemResponses.NotFound
    @Operation(
            operationId = "recordGateResult",
            summary = "Record a gate result (build, stage, PASSED/FAILED, details URL); the caller is recorded")
    public HttpResponse<GateView> recordGate(@Body @Valid GateRequest request, Authentication caller) {
        if (request.pipeline() != null) {
            pipeline(request.pipeline()).stage(request.stage());
        }
        GateResult r = ledger.record(new GateResult(
                request.build(),
                request.stage(),
                GateStatus.valueOf(request.status().name()),
                caller.getName(),
                clock.instant(),
                Optional.ofNullable(request.detailsUrl())));
        return HttpResponse.created(GateView.of(r));
    }

    /** Every gate result of a build, oldest first. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get("/gates/{build}")
    @Operation(operationId = "listGateResults", summary = "Gate results of a build")
    public List<GateView> gates(@PathVariable String build) {
        return ledger.history(GateResult.requireId("build", build)).stream()
                .map(GateView::of)
                .toList();
    }

    /** The configured promotion pipelines and their stages. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get("/pipelines")
    @Operation(operationId = "listPipelines", summary = "Configured promotion pipelines")
    public List<PipelineView> pipelines() {
        return pipelines.stream().map(p -> PipelineView.of(p.toPipeline())).toList();
    }

    private PromotionPipeline pipeline(String name) {
        return pipelines.stream()
                .filter(p -> p.getName().equals(name))
                .findFirst()
                .map(PipelineProperties::toPipeline)
                .orElseThrow(() -> new io.releasekit.core.NotFoundException("no promotion pipeline named '" + name
                        + "' is configured; configured: "
                        + pipelines.stream().map(PipelineProperties::getName).toList()));
    }

    /**
     * A pipeline.
     *
     * @param name its name
     * @param stages its stages in order
     */
    @Serdeable
    @Schema(name = "Pipeline")
    public record PipelineView(String name, List<StageView> stages) {
        static PipelineView of(PromotionPipeline p) {
            return new PipelineView(
                    p.name(), p.stages().stream().map(StageView::of).toList());
        }
    }

    /**
     * A stage.
     *
     * @param name its name
     * @param store the configured store
     * @param prefix the prefix template
     */
    @Serdeable
    @Schema(name = "PipelineStage")
    public record StageView(String name, String store, String prefix) {
        static StageView of(Stage s) {
            return new StageView(s.name(), s.store(), s.prefix());
        }
    }
}

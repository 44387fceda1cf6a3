package io.releasekit.process.artifact;

import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.Publisher;
import io.releasekit.core.artifact.promotion.GateLedger;
import io.releasekit.core.artifact.promotion.PromotionPipeline;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code artifacts.promote}: move a build from one stage of a pipeline to the next (seed 001: alpha → beta → prod).
 * Steps: {@code check-gate} (the stage's gate passed, no stage skipped), then a fresh verification of the build at its
 * current stage and the four publication steps. The gate is checked again when the run executes, not only when it
 * is started.
 */
public final class PromoteProcess implements ProcessDefinition {

    /** The process kind. */
    public static final String KIND = "artifacts.promote";

    private final ArtifactStores stores;
    private final Map<String, PromotionPipeline> pipelines;
    private final GateLedger ledger;
    private final PublishSettings settings;

    /** The process over configured stores and pipelines. */
    public PromoteProcess(
            ArtifactStores stores, List<PromotionPipeline> pipelines, GateLedger ledger, PublishSettings settings) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.pipelines = new TreeMap<>();
        pipelines.forEach(p -> this.pipelines.put(p.name(), p));
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Promote a build to the next stage of a pipeline once the current stage's gate passed, verifying it"
                + " afresh";
    }

    @Override
    public ParameterSpec parameters() {
        return PublishProcess.options(ParameterSpec.builder()
                        .string("pipeline", true, "name of the configured promotion pipeline")
                        .string("build", true, "build id, e.g. release-0.1.2")
                        .string("from", true, "the build's current stage, e.g. alpha")
                        .string("to", false, "the target stage; must be the next one (default: the next one)"))
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        settings.publishingPolicy(p.optionalString("signatures")); // refuse a weaker requirement up front
        PromotionPipeline pipeline = pipeline(p.string("pipeline"));
        String build = p.string("build");
        PromotionPipeline.PromotionStep move = pipeline.check(build, p.string("from"), p.optionalString("to"), ledger);
        ArtifactStore source = stores.get(move.from().store());
        ArtifactStore destination = stores.get(move.to().store());
        String sourcePrefix = move.from().prefixFor(build);
        String destinationPrefix = move.to().prefixFor(build);
        List<Step> steps = new ArrayList<>();
        steps.add(new CheckGate(pipeline, build, p.string("from"), p.optionalString("to"), ledger));
        steps.addAll(PublishSteps.of(
                source,
                destination,
                ctx -> PublishProcess.configure(
                        new Publisher(ctx.guards()).publish(source, sourcePrefix, destination, destinationPrefix),
                        p,
                        settings)));
        return steps;
    }

    /** The configured pipeline names. */
    public List<String> pipelines() {
        return List.copyOf(pipelines.keySet());
    }

    private PromotionPipeline pipeline(String name) {
        PromotionPipeline p = pipelines.get(name);
        if (p == null) {
            throw new io.releasekit.core.NotFoundException(
                    "no promotion pipeline named '" + name + "' is configured; configured: " + pipelines.keySet());
        }
        return p;
    }

    /** Re-checks the gate when the run executes (a later FAILED result stops it). */
    private record CheckGate(
            PromotionPipeline pipeline, String build, String from, Optional<String> to, GateLedger ledger)
            implements Step {

        @Override
        public String name() {
            return "check-gate";
        }

        @Override
        public boolean writes() {
            return false;
        }

        @Override
        public StepOutcome execute(StepContext context) {
            PromotionPipeline.PromotionStep move = pipeline.check(build, from, to, ledger);
            return StepOutcome.succeeded(
                    "gate " + from + " passed for " + build + " (recorded by "
                            + move.gate().recordedBy() + " at " + move.gate().recordedAt() + "); promoting to "
                            + move.to().name(),
                    Map.of("from", move.from().name(), "to", move.to().name()));
        }
    }
}

package io.releasekit.core.artifact.promotion;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An ordered list of stages a build goes through (seed 001: {@code alpha → beta → prod}). A build moves only to the
 * next stage, and only once the current stage's gate has passed.
 *
 * @param name the pipeline's name, e.g. {@code cfn-registry}
 * @param stages the stages in order (at least two, unique names)
 */
public record PromotionPipeline(String name, List<Stage> stages) {

    public PromotionPipeline {
        GateResult.requireId("pipeline", name);
        stages = List.copyOf(stages);
        if (stages.size() < 2) {
            throw new InvalidInputException("pipeline '" + name + "' needs at least two stages, has " + stages.size());
        }
        Set<String> seen = new HashSet<>();
        for (Stage s : stages) {
            if (!seen.add(s.name())) {
                throw new InvalidInputException("pipeline '" + name + "' lists stage '" + s.name() + "' twice");
            }
        }
    }

    /**
     * The stage with this name.
     *
     * @throws NotFoundException naming the stages
     */
    public Stage stage(String stageName) {
        return stages.stream()
                .filter(s -> s.name().equals(stageName))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("pipeline '" + name + "' has no stage '" + stageName
                        + "'; stages: " + stages.stream().map(Stage::name).toList()));
    }

    /** The stage after {@code stageName}, empty for the last one. */
    public Optional<Stage> next(String stageName) {
        int i = stages.indexOf(stage(stageName));
        return i + 1 < stages.size() ? Optional.of(stages.get(i + 1)) : Optional.empty();
    }

    /**
     * Checks that {@code build} may move from {@code from} to {@code to} (the next stage when empty): no stage skipped,
     * and the latest gate result at {@code from} passed.
     *
     * @return the step: source and target stage and the deciding gate result
     * @throws InvalidInputException when {@code to} is not the stage right after {@code from}
     * @throws ConflictException when the gate at {@code from} has no result or failed
     */
    public PromotionStep check(String build, String from, Optional<String> to, GateLedger ledger) {
        GateResult.requireId("build", build);
        Stage source = stage(from);
        Stage next = next(from)
                .orElseThrow(() -> new InvalidInputException(
                        "'" + from + "' is the last stage of pipeline '" + name + "'; there is nothing to promote to"));
        Stage target = to.map(this::stage).orElse(next);
        if (!target.equals(next)) {
            int skipped = stages.indexOf(target) - stages.indexOf(source) - 1;
            throw new InvalidInputException("cannot promote build '" + build + "' from " + from + " to "
                    + target.name() + ": " + (skipped > 0 ? "stages cannot be skipped; " : "promotion goes forward; ")
                    + "the next stage after " + from + " is " + next.name());
        }
        GateResult gate = ledger.latest(build, from)
                .orElseThrow(() -> new ConflictException("build '" + build + "' has no gate result at stage " + from
                        + "; CI records one (POST /api/v1/artifacts/gates) before it can move to " + next.name()));
        if (!gate.passed()) {
            throw new ConflictException("build '" + build + "' failed the gate at stage " + from + " (recorded by "
                    + gate.recordedBy() + " at " + gate.recordedAt()
                    + gate.detailsUrl().map(u -> ", " + u).orElse("")
                    + "); it cannot move to " + next.name());
        }
        return new PromotionStep(build, source, target, gate);
    }

    /**
     * An allowed move of a build.
     *
     * @param build the build id
     * @param from the current stage
     * @param to the next stage
     * @param gate the passed gate result that allows it
     */
    public record PromotionStep(String build, Stage from, Stage to, GateResult gate) {}
}

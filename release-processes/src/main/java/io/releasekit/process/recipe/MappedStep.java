package io.releasekit.process.recipe;

import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.service.ServiceGuards;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A primitive's step reused inside a recipe: the step runs unchanged, but sees the parameters the primitive expects —
 * the recipe's parameters, overlaid with fixed values and with outputs of earlier steps (e.g. the {@code tag} that
 * {@code github.release} computed becomes the {@code tag} parameter of {@code github.release-to-stage}).
 *
 * <p>Services, writes and {@code runsAlways} are the wrapped step's own, so preflight, deferral and dry-run behave
 * exactly as they do for the primitive.
 */
final class MappedStep implements Step {

    private final Step step;
    private final String name;
    private final Map<String, Object> fixed;
    private final Map<String, String> fromOutputs;

    /**
     * @param step the primitive's step
     * @param fixed parameter values that replace the recipe's (null values remove a parameter)
     * @param fromOutputs parameter name → output key of an earlier step; applied last, when the output is present
     */
    MappedStep(Step step, Map<String, ?> fixed, Map<String, String> fromOutputs) {
        this(step, step.name(), fixed, fromOutputs);
    }

    /** The same, under another step name (a primitive used once per repository needs distinct names). */
    MappedStep(Step step, String name, Map<String, ?> fixed, Map<String, String> fromOutputs) {
        this.step = step;
        this.name = name;
        this.fixed = new LinkedHashMap<>(fixed);
        this.fromOutputs = Map.copyOf(fromOutputs);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ServiceNeed> services() {
        return step.services();
    }

    @Override
    public boolean writes() {
        return step.writes();
    }

    @Override
    public boolean runsAlways() {
        return step.runsAlways();
    }

    @Override
    public StepOutcome execute(StepContext context) throws Exception {
        Map<String, Object> values = new LinkedHashMap<>(context.parameters().asMap());
        values.putAll(fixed);
        fromOutputs.forEach((param, output) -> context.output(output).ifPresent(v -> values.put(param, v)));
        return step.execute(new Context(context, RunParameters.of(values)));
    }

    /** The engine's context with other parameters. */
    private record Context(StepContext delegate, RunParameters params) implements StepContext {

        @Override
        public String runId() {
            return delegate.runId();
        }

        @Override
        public String kind() {
            return delegate.kind();
        }

        @Override
        public String stepName() {
            return delegate.stepName();
        }

        @Override
        public RunParameters parameters() {
            return params;
        }

        @Override
        public boolean dryRun() {
            return delegate.dryRun();
        }

        @Override
        public String requestedBy() {
            return delegate.requestedBy();
        }

        @Override
        public Optional<String> output(String key) {
            return delegate.output(key);
        }

        @Override
        public Map<String, String> outputs() {
            return delegate.outputs();
        }

        @Override
        public ServiceGuards guards() {
            return delegate.guards();
        }

        @Override
        public void progress(long done, long total, long bytes) {
            delegate.progress(done, total, bytes);
        }

        @Override
        public void plan(String write) {
            delegate.plan(write);
        }

        @Override
        public void plan(io.releasekit.core.protect.PlannedWrite write) {
            delegate.plan(write);
        }

        @Override
        public boolean replay() {
            return delegate.replay();
        }

        @Override
        public Optional<io.releasekit.core.run.StepRecord> failedStep() {
            return delegate.failedStep();
        }

        @Override
        public String idempotencyKey() {
            return delegate.idempotencyKey();
        }
    }
}

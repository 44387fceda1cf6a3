package io.releasekit.core.run;

import io.releasekit.core.approval.ApprovalPolicy;
import java.util.List;
import java.util.function.Function;

/** A process assembled from lambdas, for engine tests. */
final class ScriptedProcess implements ProcessDefinition {

    private final String kind;
    private final ParameterSpec spec;
    private final Function<RunParameters, List<Step>> steps;
    private final ApprovalPolicy policy;

    private ScriptedProcess(
            String kind, ParameterSpec spec, Function<RunParameters, List<Step>> steps, ApprovalPolicy policy) {
        this.kind = kind;
        this.spec = spec;
        this.steps = steps;
        this.policy = policy;
    }

    static ScriptedProcess of(String kind, Step... steps) {
        List<Step> list = List.of(steps);
        return new ScriptedProcess(kind, ParameterSpec.builder().build(), p -> list, ApprovalPolicy.none());
    }

    ScriptedProcess withParameters(ParameterSpec value) {
        return new ScriptedProcess(kind, value, steps, policy);
    }

    ScriptedProcess withPolicy(ApprovalPolicy value) {
        return new ScriptedProcess(kind, spec, steps, value);
    }

    ScriptedProcess withSteps(Function<RunParameters, List<Step>> value) {
        return new ScriptedProcess(kind, spec, value, policy);
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public String description() {
        return "scripted test process " + kind;
    }

    @Override
    public ParameterSpec parameters() {
        return spec;
    }

    @Override
    public List<Step> steps(RunParameters parameters) {
        return steps.apply(parameters);
    }

    @Override
    public ApprovalPolicy approvalPolicy(RunParameters parameters) {
        return policy;
    }

    /** A step from a lambda. */
    static Step step(String name, boolean writes, List<ServiceNeed> services, Step.Body body) {
        return Step.of(name, services, writes, body);
    }

    /** The same step, running always (like a {@code finally} block). */
    static Step always(Step step) {
        return new Step() {
            @Override
            public String name() {
                return step.name();
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
                return true;
            }

            @Override
            public StepOutcome execute(StepContext context) throws Exception {
                return step.execute(context);
            }
        };
    }

    /** A step that only reads. */
    static Step reading(String name, Step.Body body) {
        return step(name, false, List.of(), body);
    }

    /** A writing step without outside services. */
    static Step writing(String name, Step.Body body) {
        return step(name, true, List.of(), body);
    }
}

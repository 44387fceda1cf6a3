package io.releasekit.api.run;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Process kinds for the API tests, beans like the real ones. Every writing step checks before it acts and records its
 * write in {@link SideEffects}, so a test can prove that no write happened twice.
 */
@Factory
class TestProcesses {

    static final String CHAT = "test-chat";
    static final String STORE = "test-store";

    private final String replica;

    TestProcesses(@Value("${releasekit.scheduler.name:local}") String replica) {
        this.replica = replica;
    }

    /** Echoes a message, with progress events: a non-writing check, then two writing steps. */
    @Singleton
    ProcessDefinition echo() {
        ParameterSpec spec = ParameterSpec.builder()
                .string("message", true, "what to echo")
                .integer("repeat", false, "how many progress events (default 3)")
                .bool("loud", false, "upper-case the echo")
                .strings("tags", false, "labels")
                .build();
        return definition(
                "test.echo",
                "Echoes a message",
                spec,
                p -> List.of(
                        step(
                                "check",
                                false,
                                List.of(),
                                ctx -> StepOutcome.succeeded(
                                        "checked",
                                        Map.of("message", ctx.parameters().string("message")))),
                        step("progress", true, List.of(), ctx -> {
                            long n = ctx.parameters().integer("repeat", 3);
                            for (long i = 1; i <= n; i++) {
                                ctx.progress(i, n, i * 10);
                            }
                            return write(ctx);
                        }),
                        step("echo", true, List.of(), this::write)));
    }

    /** Three writing steps. */
    @Singleton
    ProcessDefinition counting() {
        return definition(
                "test.counting",
                "Three writing steps",
                ParameterSpec.builder().string("label", false, "free text").build(),
                p -> List.of(writing("first"), writing("second"), writing("third")));
    }

    /** A writing step, one that waits at the gate named by {@code gate} before it writes, and another writing step. */
    @Singleton
    ProcessDefinition blocking() {
        ParameterSpec spec = ParameterSpec.builder()
                .string("gate", true, "the gate the middle step waits at")
                .bool("stubborn", false, "the waiting step ignores interrupts")
                .build();
        return definition(
                "test.blocking",
                "Waits at a gate between two writes",
                spec,
                p -> List.of(
                        writing("before"),
                        step("block", true, List.of(), ctx -> {
                            if (SideEffects.done(ctx.runId(), ctx.stepName())) {
                                return StepOutcome.skipped("already written", Map.of());
                            }
                            String gate = ctx.parameters().string("gate");
                            (ctx.parameters().bool("stubborn", false) ? Gates.stubbornGate(gate) : Gates.gate(gate))
                                    .pass();
                            return write(ctx);
                        }),
                        writing("after")));
    }

    /** One writing step after two release managers (not the requester) approved. */
    @Singleton
    ProcessDefinition approval() {
        return new TestProcess(
                "test.approval",
                "Needs two release managers",
                ParameterSpec.builder().build(),
                p -> List.of(writing("ship")),
                ApprovalPolicy.releaseManagers(2));
    }

    /** A writing step on a strict service, then an announcement on a deferrable one. */
    @Singleton
    ProcessDefinition deferrable() {
        return definition(
                "test.deferrable",
                "Publishes (strict store), then announces (deferrable chat)",
                ParameterSpec.builder().build(),
                p -> List.of(
                        step("publish", true, List.of(ServiceNeed.strict(STORE)), this::write),
                        step("announce", true, List.of(ServiceNeed.deferrable(CHAT)), ctx -> ctx.guards()
                                .call(CHAT, () -> write(ctx)))));
    }

    private Step writing(String name) {
        return step(name, true, List.of(), this::write);
    }

    /** Check before act, honour dry-run, record the write. */
    private StepOutcome write(StepContext ctx) {
        if (ctx.dryRun()) {
            ctx.plan("write " + ctx.stepName());
            return StepOutcome.succeeded("would write", Map.of());
        }
        if (SideEffects.done(ctx.runId(), ctx.stepName())) {
            return StepOutcome.skipped("already written", Map.of());
        }
        SideEffects.write(ctx.runId(), ctx.stepName(), replica);
        return StepOutcome.succeeded("written by " + replica, Map.of(ctx.stepName(), replica));
    }

    private static ProcessDefinition definition(
            String kind, String description, ParameterSpec spec, Function<RunParameters, List<Step>> steps) {
        return new TestProcess(kind, description, spec, steps, ApprovalPolicy.none());
    }

    private static Step step(String name, boolean writes, List<ServiceNeed> services, Step.Body body) {
        return Step.of(name, services, writes, body);
    }

    private record TestProcess(
            String kind,
            String description,
            ParameterSpec parameters,
            Function<RunParameters, List<Step>> stepsOf,
            ApprovalPolicy policy)
            implements ProcessDefinition {

        @Override
        public List<Step> steps(RunParameters p) {
            return stepsOf.apply(p);
        }

        @Override
        public ApprovalPolicy approvalPolicy(RunParameters p) {
            return policy;
        }
    }
}

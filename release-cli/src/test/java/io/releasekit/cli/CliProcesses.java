package io.releasekit.cli;

import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Process kinds for the CLI's tests, registered in the service's context like the real ones. */
final class CliProcesses {

    private CliProcesses() {}

    /** Every kind. */
    static ProcessDefinition[] all() {
        return new ProcessDefinition[] {new Greet(), new Copy(), new Broken(), new Guarded()};
    }

    /** {@code cli.greet}: one parameter of each type; checks, then greets (its one write). */
    static final class Greet implements ProcessDefinition {
        @Override
        public String kind() {
            return "cli.greet";
        }

        @Override
        public String description() {
            return "Checks a name, then greets it";
        }

        @Override
        public ParameterSpec parameters() {
            return ParameterSpec.builder()
                    .string("name", true, "who to greet")
                    .bool("loud", false, "shout")
                    .integer("times", false, "how often")
                    .strings("cc", false, "who else hears it")
                    .build();
        }

        @Override
        public List<Step> steps(RunParameters p) {
            String greeting = "Hello, " + p.string("name") + (p.bool("loud", false) ? "!" : "") + " x"
                    + p.integer("times", 1) + " cc " + p.strings("cc");
            return List.of(step("check", false, ctx -> StepOutcome.succeeded("name ok")), step("greet", true, ctx -> {
                if (ctx.dryRun()) {
                    ctx.plan("greet " + p.string("name"));
                    return StepOutcome.succeeded("would greet");
                }
                return StepOutcome.succeeded("greeted", Map.of("greeting", greeting));
            }));
        }
    }

    /** {@code cli.copy}: copies 4 objects of 512 KiB, reporting progress after each. */
    static final class Copy implements ProcessDefinition {
        @Override
        public String kind() {
            return "cli.copy";
        }

        @Override
        public String description() {
            return "Copies four objects";
        }

        @Override
        public ParameterSpec parameters() {
            return ParameterSpec.builder().build();
        }

        @Override
        public List<Step> steps(RunParameters p) {
            return List.of(step("copy", true, ctx -> {
                for (int i = 1; i <= 4; i++) {
                    ctx.progress(i, 4, i * 512L * 1024);
                }
                return StepOutcome.succeeded("copied 4 objects");
            }));
        }
    }

    /** {@code cli.broken}: its only step fails. */
    static final class Broken implements ProcessDefinition {
        @Override
        public String kind() {
            return "cli.broken";
        }

        @Override
        public String description() {
            return "Always fails";
        }

        @Override
        public ParameterSpec parameters() {
            return ParameterSpec.builder().build();
        }

        @Override
        public List<Step> steps(RunParameters p) {
            return List.of(step("explode", true, ctx -> {
                throw new IllegalStateException("the disk is on fire");
            }));
        }
    }

    /** {@code cli.guarded}: needs two release managers, the requester excluded. */
    static final class Guarded implements ProcessDefinition {
        @Override
        public String kind() {
            return "cli.guarded";
        }

        @Override
        public String description() {
            return "Needs two release managers";
        }

        @Override
        public ParameterSpec parameters() {
            return ParameterSpec.builder().build();
        }

        @Override
        public ApprovalPolicy approvalPolicy(RunParameters parameters) {
            return ApprovalPolicy.releaseManagers(2);
        }

        @Override
        public List<Step> steps(RunParameters p) {
            return List.of(step("ship", true, ctx -> StepOutcome.succeeded(ctx.dryRun() ? "would ship" : "shipped")));
        }
    }

    static Step step(String name, boolean writes, Function<StepContext, StepOutcome> body) {
        return new Step() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean writes() {
                return writes;
            }

            @Override
            public StepOutcome execute(StepContext context) {
                return body.apply(context);
            }
        };
    }
}

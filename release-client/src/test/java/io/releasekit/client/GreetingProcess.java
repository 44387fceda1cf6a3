package io.releasekit.client;

import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A process kind for the client test, registered in the service's application context like the real ones: it checks
 * a name, then "greets" (its one write, recorded in {@link #GREETED} once per run).
 */
final class GreetingProcess implements ProcessDefinition {

    /** Greetings written, by run id. */
    static final Map<String, String> GREETED = new ConcurrentHashMap<>();

    @Override
    public String kind() {
        return "client.greet";
    }

    @Override
    public String description() {
        return "Checks a name, then greets it";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.builder()
                .string("name", true, "who to greet")
                .bool("loud", false, "greet loudly")
                .integer("times", false, "how many times")
                .strings("cc", false, "who else hears it")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        String name = p.string("name");
        return List.of(
                step("check", false, ctx -> StepOutcome.succeeded("name ok", Map.of("name", name))),
                step("greet", true, ctx -> {
                    if (ctx.dryRun()) {
                        ctx.plan("greet " + name);
                        return StepOutcome.succeeded("would greet", Map.of());
                    }
                    if (GREETED.putIfAbsent(ctx.runId(), "Hello, " + name) != null) {
                        return StepOutcome.skipped("already greeted", Map.of());
                    }
                    return StepOutcome.succeeded("greeted " + name, Map.of("greeting", GREETED.get(ctx.runId())));
                }));
    }

    private static Step step(String name, boolean writes, java.util.function.Function<StepContext, StepOutcome> body) {
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

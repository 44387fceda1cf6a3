package io.releasekit.process.github;

import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.TestStepContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a process's steps in order the way the runner does: validated parameters, outputs flowing forward. */
final class StepDriver {

    final List<StepOutcome> outcomes = new ArrayList<>();
    final List<String> plans = new ArrayList<>();
    final List<long[]> progress = new ArrayList<>();
    final Map<String, String> outputs = new LinkedHashMap<>();

    static StepDriver run(ProcessDefinition def, Map<String, ?> params, boolean dryRun, ServiceGuards guards)
            throws Exception {
        StepDriver d = new StepDriver();
        RunParameters p = def.parameters().validate(params);
        for (Step step : def.steps(p)) {
            TestStepContext ctx =
                    new TestStepContext(p, dryRun, guards).forStep(step.name()).withOutputs(d.outputs);
            StepOutcome o = step.execute(ctx);
            d.outcomes.add(o);
            d.outputs.putAll(o.outputs());
            d.plans.addAll(ctx.plans());
            d.progress.addAll(ctx.progressReports());
        }
        return d;
    }

    List<String> kinds() {
        return outcomes.stream().map(o -> o.getClass().getSimpleName()).toList();
    }
}

package io.releasekit.process.artifact;

import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.TestStepContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a process's steps in order the way the runner will: outputs flow forward, plans are collected. */
final class StepRunner {

    final List<StepOutcome> outcomes = new ArrayList<>();
    final List<String> plans = new ArrayList<>();
    final Map<String, String> outputs = new LinkedHashMap<>();

    static StepRunner run(List<Step> steps, RunParameters params, boolean dryRun, ServiceGuards guards) {
        StepRunner r = new StepRunner();
        for (Step s : steps) {
            TestStepContext ctx = new TestStepContext(params, dryRun, guards)
                    .forStep(s.name())
                    .withOutputs(r.outputs);
            try {
                StepOutcome o = s.execute(ctx);
                r.outcomes.add(o);
                r.outputs.putAll(o.outputs());
                r.plans.addAll(ctx.plans());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return r;
    }
}

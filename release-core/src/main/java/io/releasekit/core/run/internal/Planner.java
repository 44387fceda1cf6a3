package io.releasekit.core.run.internal;

import io.releasekit.core.ReleaseException;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the plan of a real run before it is stored: executes every step as a dry run (reads and checks only; a
 * protected port refuses any real write), each step seeing the earlier steps' dry-run outputs, and collects what each
 * step reported and what the ports' dry runs saw. A step that fails ends the plan there: the steps after it are not
 * planned, and a real run refuses any write they would make (the run fails at that step anyway, or is refused).
 */
final class Planner {

    private static final Logger log = LoggerFactory.getLogger(Planner.class);

    /** The plan of one step; {@code stoppedBecause} is set on the step whose dry run failed. */
    record StepPlan(List<String> texts, List<PlannedWrite> writes) {}

    private final EngineCore core;

    Planner(EngineCore core) {
        this.core = core;
    }

    /** The plan of each step of {@code provisional} (a dry-run copy of the run to store), in order. */
    List<StepPlan> plan(Run provisional, List<Step> steps) {
        List<StepPlan> out = new ArrayList<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        boolean stopped = false;
        for (Step step : steps) {
            if (stopped) {
                out.add(new StepPlan(List.of("not planned: an earlier step's dry run failed"), List.of()));
                continue;
            }
            EngineStepContext ctx = new EngineStepContext(core, provisional, step.name(), outputs, false, true);
            try {
                StepOutcome outcome = ctx.authority().call(() -> step.execute(ctx));
                if (outcome != null) {
                    outputs.putAll(outcome.outputs());
                }
                out.add(new StepPlan(ctx.planned(), ctx.writes()));
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                String why = StepRunner.describe(e);
                if (!(e instanceof ReleaseException)) {
                    log.warn(
                            "planning step {} of run {} ({}) failed",
                            step.name(),
                            provisional.id(),
                            provisional.kind(),
                            e);
                }
                List<String> texts = new ArrayList<>(ctx.planned());
                texts.add("plan stops here: the dry run failed: " + why);
                out.add(new StepPlan(texts, ctx.writes()));
                stopped = true;
            }
        }
        return out;
    }
}

package io.releasekit.core.run.internal;

import io.releasekit.core.ReleaseException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepOutcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the plan of a real run before it is stored: executes every step as a dry run (reads and checks only; a
 * protected port refuses any real write), each step seeing the earlier steps' dry-run outputs, and collects what each
 * step reported and what the ports' dry runs saw. A step whose dry run fails (its service is down, a check fails) has
 * the writes it planned before the failure and a note why; the later steps are still planned, with the outputs there
 * are. Whatever a failed step would have written is not in the plan: the real run refuses it (it fails at that step
 * anyway, or its deferred replay is refused) rather than writing something nobody approved.
 *
 * <p>A step whose service's breaker refuses calls (an outage declared or detected before the run) is still planned: its
 * dry run calls nothing outside (the guard refuses at once), and plans what it knows without the service (a post's
 * text), so that the deferred step, replayed when the service is back, writes what its plan named. A service that
 * failed while this run was planned, but whose breaker still lets calls through, is not called again.
 */
final class Planner {

    private static final Logger log = LoggerFactory.getLogger(Planner.class);

    /** The plan of one step: what it reported, and its writes. */
    record StepPlan(List<String> texts, List<PlannedWrite> writes) {}

    private final EngineCore core;

    Planner(EngineCore core) {
        this.core = core;
    }

    /** The plan of each step of {@code provisional} (a dry-run copy of the run to store), in order. */
    List<StepPlan> plan(Run provisional, List<Step> steps) {
        List<StepPlan> out = new ArrayList<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        Set<String> down = new HashSet<>();
        for (Step step : steps) {
            Optional<String> failed = step.services().stream()
                    .map(ServiceNeed::service)
                    .filter(s -> down.contains(s) && !core.guards().status(s).down())
                    .findFirst();
            if (failed.isPresent()) {
                // not called again while planning: the real run's preflight or deferral decides about it
                out.add(new StepPlan(List.of("not planned: service '" + failed.get() + "' is down"), List.of()));
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
                if (e instanceof ServiceUnavailableException sue && sue.service() != null) {
                    down.add(sue.service());
                }
                if (!(e instanceof ReleaseException)) {
                    log.warn(
                            "planning step {} of run {} ({}) failed",
                            step.name(),
                            provisional.id(),
                            provisional.kind(),
                            e);
                }
                List<String> texts = new ArrayList<>(ctx.planned());
                texts.add("not fully planned: its dry run failed: " + why);
                out.add(new StepPlan(texts, ctx.writes()));
            }
        }
        return out;
    }
}

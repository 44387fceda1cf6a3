package io.releasekit.core.run;

import io.releasekit.core.service.ServiceGuards;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Answers, before any irreversible step, whether a run can go: GO, GO-DEGRADED (which steps will be deferred because a
 * deferrable service is down) or NO-GO (which strict service is down).
 */
public final class Preflight {

    private Preflight() {}

    /** Checks the services the steps need against the current breaker states. */
    public static PreflightResult check(List<Step> steps, ServiceGuards guards) {
        Set<String> strictDown = new LinkedHashSet<>();
        List<String> deferred = new ArrayList<>();
        Set<String> checked = new LinkedHashSet<>();
        for (Step step : steps) {
            for (ServiceNeed need : step.services()) {
                checked.add(need.service());
                if (!guards.status(need.service()).down()) {
                    continue;
                }
                if (need.dependency() == Dependency.STRICT) {
                    strictDown.add(need.service());
                } else if (!deferred.contains(step.name())) {
                    deferred.add(step.name());
                }
            }
        }
        PreflightResult.Verdict verdict = !strictDown.isEmpty()
                ? PreflightResult.Verdict.NO_GO
                : deferred.isEmpty() ? PreflightResult.Verdict.GO : PreflightResult.Verdict.GO_DEGRADED;
        return new PreflightResult(verdict, List.copyOf(checked), List.copyOf(strictDown), List.copyOf(deferred));
    }
}

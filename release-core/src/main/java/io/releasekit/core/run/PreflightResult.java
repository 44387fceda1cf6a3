package io.releasekit.core.run;

import java.util.List;

/**
 * The answer of a preflight.
 *
 * @param verdict GO, GO_DEGRADED or NO_GO
 * @param checkedServices every service the steps declare
 * @param strictServicesDown strict services whose breaker refuses calls (the reason for NO_GO)
 * @param deferredSteps steps that would be deferred because a deferrable service is down
 */
public record PreflightResult(
        Verdict verdict, List<String> checkedServices, List<String> strictServicesDown, List<String> deferredSteps) {

    /** The verdict of a preflight. */
    public enum Verdict {
        GO,
        GO_DEGRADED,
        NO_GO
    }

    /** Whether the run may start. */
    public boolean mayStart() {
        return verdict != Verdict.NO_GO;
    }

    /** A one-line reason, e.g. {@code NO-GO: strict service s3:eu-central-1 is down}. */
    public String describe() {
        return switch (verdict) {
            case GO -> "GO";
            case GO_DEGRADED -> "GO-DEGRADED: will defer " + deferredSteps;
            case NO_GO -> "NO-GO: strict service(s) down " + strictServicesDown;
        };
    }
}

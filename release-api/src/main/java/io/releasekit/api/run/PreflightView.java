package io.releasekit.api.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.run.PreflightResult;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Whether a run of a kind could go now.
 *
 * @param kind the process kind
 * @param verdict GO, GO_DEGRADED (some steps would be deferred) or NO_GO (a strict service is down)
 * @param description one line, e.g. {@code NO-GO: strict service(s) down [s3:eu-central-1]}
 * @param checkedServices every service the run's steps declare
 * @param strictServicesDown the strict services whose breaker refuses calls
 * @param deferredSteps the steps that would be deferred
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Preflight")
public record PreflightView(
        String kind,
        PreflightResult.Verdict verdict,
        String description,
        List<String> checkedServices,
        List<String> strictServicesDown,
        List<String> deferredSteps) {

    static PreflightView of(String kind, PreflightResult r) {
        return new PreflightView(
                kind, r.verdict(), r.describe(), r.checkedServices(), r.strictServicesDown(), r.deferredSteps());
    }
}

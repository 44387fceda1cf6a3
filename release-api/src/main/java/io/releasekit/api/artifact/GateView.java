package io.releasekit.api.artifact;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.artifact.promotion.GateResult;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A recorded gate result.
 *
 * @param build build id
 * @param stage stage
 * @param status PASSED or FAILED
 * @param recordedBy who recorded it
 * @param recordedAt when
 * @param detailsUrl link to the CI run
 */
@Serdeable
@Schema(name = "GateResult")
public record GateView(
        String build, String stage, String status, String recordedBy, Instant recordedAt, @Nullable String detailsUrl) {

    static GateView of(GateResult r) {
        return new GateView(
                r.build(),
                r.stage(),
                r.status().name(),
                r.recordedBy(),
                r.recordedAt(),
                r.detailsUrl().orElse(null));
    }
}

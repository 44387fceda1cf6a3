package io.releasekit.api.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/run-kinds/{kind}/preflight}.
 *
 * @param parameters the parameters a run would be started with
 */
@Serdeable
public record PreflightRequest(
        @Nullable @Schema(ref = "#/components/schemas/RunParameters") Map<String, Object> parameters) {}
